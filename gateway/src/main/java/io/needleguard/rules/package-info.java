/**
 * The safety rules: each judges one session against what came before it and, where it can, says when
 * the next session on an area is safe. {@link io.needleguard.rules.SafetyCheck} runs them all with the
 * thresholds in force ({@link io.needleguard.rules.RuleBook}); src/docs/safety-rules.md gives every
 * default with its evidence.
 *
 * <p>Each public rule id and the class that implements it:
 * <table>
 *   <caption>Rule ids</caption>
 *   <tr><th>rule id</th><th>class</th></tr>
 *   <tr><td>{@code depth.home-limit}</td><td>{@link io.needleguard.rules.HomeDepthLimit}</td></tr>
 *   <tr><td>{@code depth.area-limit}</td><td>{@link io.needleguard.rules.AreaDepthLimit}</td></tr>
 *   <tr><td>{@code area.not-for-needling}</td><td>{@link io.needleguard.rules.AreaNotForNeedling}</td></tr>
 *   <tr><td>{@code spacing.min-interval}</td><td>{@link io.needleguard.rules.MinimumSpacing}</td></tr>
 *   <tr><td>{@code overuse.frequency}</td><td>{@link io.needleguard.rules.OveruseFrequency}</td></tr>
 *   <tr><td>{@code overuse.session-duration}</td><td>{@link io.needleguard.rules.SessionDuration}</td></tr>
 *   <tr><td>{@code cartridge.reuse}</td><td>{@link io.needleguard.rules.CartridgeReuse}</td></tr>
 *   <tr><td>{@code speed.out-of-range}</td><td>{@link io.needleguard.rules.StrokeRate}</td></tr>
 *   <tr><td>{@code contraindication.active}</td><td>{@link io.needleguard.rules.ActiveContraindication}</td></tr>
 * </table>
 *
 * <p>The rest of the package is what the rules share: thresholds ({@link io.needleguard.rules.RuleSettings},
 * {@link io.needleguard.rules.AreaLimits}, {@link io.needleguard.rules.SpacingTable},
 * {@link io.needleguard.rules.FrequencyLimits}), their sources, findings and the next safe time, and the
 * grouping of sessions into treatments. Who the rules protect (owners, skin types, conditions) is in
 * {@code io.needleguard.household}.
 */
package io.needleguard.rules;
