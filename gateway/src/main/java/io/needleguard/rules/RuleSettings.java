package io.needleguard.rules;

import io.needleguard.session.Depth;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * The thresholds the rules apply for one owner. {@link #defaults()} are the decided defaults of
 * src/docs/safety-rules.md (from the safety reference, Part A); the configuration overrides them.
 */
public record RuleSettings(
        Sourced<Depth> homeWarningAbove,
        Sourced<Depth> homeCriticalAbove,
        SpacingTable spacing) {

    static final String HOME_WARNING_SOURCE =
            "clinical needles 0.5-1.5 mm (Hou 2017) [P]; AAD on home devices (2018) [R]";
    static final String HOME_CRITICAL_SOURCE =
            "home maximum 1.0 mm in pen makers' guides (Dr.Pen) [M]; SkinPen not evaluated above 1.5 mm [R]";
    static final String SPACING_SOURCE =
            "side effects resolve within 72 h [P]; trial intervals 2 weeks (Alam 2014) [P], median 4 weeks (Harris 2015) [P]; SkinPen 30 days [R]";

    public RuleSettings {
        Objects.requireNonNull(homeWarningAbove, "homeWarningAbove");
        Objects.requireNonNull(homeCriticalAbove, "homeCriticalAbove");
        Objects.requireNonNull(spacing, "spacing");
    }

    public static RuleSettings defaults() {
        return new RuleSettings(
                Sourced.of(Depth.ofMm("0.5"), HOME_WARNING_SOURCE),
                Sourced.of(Depth.ofMm("1.0"), HOME_CRITICAL_SOURCE),
                new SpacingTable(List.of(
                        new SpacingTable.Tier(Depth.ofMm("0.25"), 3),
                        new SpacingTable.Tier(Depth.ofMm("0.5"), 14),
                        new SpacingTable.Tier(Depth.ofMm("1.0"), 28)),
                        42, SPACING_SOURCE));
    }

    /** How far back a rule may look: the longest interval any rule uses, plus a day of margin. */
    public Period lookback() {
        return Period.ofDays(spacing.longestDays() + 1);
    }
}
