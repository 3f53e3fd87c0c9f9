package io.needleguard.cli;

import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.rules.FrequencyLimits;
import io.needleguard.rules.RuleSettings;
import io.needleguard.rules.SpacingTable;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard rules}: the active rule table, with values and where each comes from. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the safety rules in force, with their values, severities and sources.",
            "",
            "Values come from the evidence behind the defaults (src/docs/safety-rules.md) unless the configuration changes them; "
                    + "then the source says so."
        })
final class RulesCommand implements Callable<Integer> {

    @Mixin
    StateOptions options;

    @Option(names = "--owner", paramLabel = "ID", description = "The rules for this person (default: the household's).")
    String owner;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private SessionText text;

    @Override
    public Integer call() {
        GatewayConfig loaded = options.config().loadOrDefaults(ConfigLoader.forThisMachine(), "needleguard");
        Household household = loaded.household(ZoneId.systemDefault());
        Optional<Owner> who = Optional.ofNullable(owner)
                .map(id -> household
                        .owner(id)
                        .orElseThrow(() -> new InvalidInputException(
                                "--owner: " + Quote.of(id) + " is not in the configuration")));
        RuleSettings s = who.map(loaded.ruleBook()::settingsFor).orElse(loaded.rules());
        Optional<SkinType> skin = who.flatMap(Owner::skinType);
        out = spec.commandLine().getOut();
        text = new SessionText(Ansi.AUTO);
        out.println(text.bold("Safety rules"
                + who.map(o -> " for " + o.id()
                                + skin.map(t -> ", skin type " + t.id()).orElse(""))
                        .orElse(" of the household")));
        out.println();

        rule(
                "depth.home-limit",
                List.of(
                        "warning above " + s.homeWarningAbove().value(),
                        "critical above " + s.homeCriticalAbove().value()),
                List.of(s.homeWarningAbove().source(), s.homeCriticalAbove().source()));

        Map<Depth, List<String>> byLimit = new TreeMap<>();
        for (Area a : Area.values()) {
            if (a != Area.UNSPECIFIED) {
                s.areaLimits()
                        .limitFor(a, skin)
                        .ifPresent(l -> byLimit.computeIfAbsent(l.value(), d -> new java.util.ArrayList<>())
                                .add(a.id()));
            }
        }
        List<String> areaLines = new java.util.ArrayList<>();
        byLimit.forEach((limit, areas) -> areaLines.add("warning above " + limit + ": " + String.join(", ", areas)));
        areaLines.add("an unspecified area takes the lowest: "
                + s.areaLimits().limitFor(Area.UNSPECIFIED, skin).orElseThrow().value());
        areaLines.add("skin types IV-VI: every limit capped at "
                + s.areaLimits().darkSkinCap().value());
        rule(
                "depth.area-limit",
                areaLines,
                List.of(
                        s.areaLimits()
                                .limitFor(Area.CHEEKS, Optional.empty())
                                .orElseThrow()
                                .source(),
                        s.areaLimits().darkSkinCap().source()));

        rule(
                "area.not-for-needling",
                List.of("critical: "
                        + s.notForNeedling().value().stream()
                                .map(Area::id)
                                .sorted()
                                .collect(Collectors.joining(", "))),
                List.of(s.notForNeedling().source()));

        SpacingTable spacing = s.spacing();
        List<String> spacingLines = new java.util.ArrayList<>();
        spacing.tiers().forEach(t -> spacingLines.add("up to " + t.maxDepth() + ": " + t.days() + " days"));
        spacingLines.add("deeper: " + spacing.deeperDays() + " days");
        spacingLines.add("same person, overlapping area, the deeper of the two sessions; calendar days");
        spacingLines.add("warning; critical when less than half the interval has passed");
        rule("spacing.min-interval", spacingLines, List.of(spacing.source()));

        FrequencyLimits f = s.frequency();
        rule(
                "overuse.frequency",
                List.of(
                        "any 7 days: more than " + f.weekLight() + " if all up to " + f.lightDepth()
                                + ", else more than " + f.weekOther(),
                        "any 30 days: more than " + f.monthLight() + " if all up to " + f.lightDepth() + ", more than "
                                + f.monthMedium() + " if up to " + f.mediumDepth() + ", else more than "
                                + f.monthOther(),
                        "same person and area; warning"),
                List.of(f.source()));

        rule(
                "overuse.session-duration",
                List.of(
                        "one area in one go over "
                                + SessionText.duration(s.areaSessionMax().value()),
                        "one day over " + SessionText.duration(s.dailyMax().value()),
                        "warning"),
                List.of(s.areaSessionMax().source(), s.dailyMax().source()));

        rule(
                "cartridge.reuse",
                List.of("critical: a cartridge used in a session that ended more than "
                        + s.cartridgeReuseAfter().value().toHours() + " h earlier, or used by another person"),
                List.of(s.cartridgeReuseAfter().source()));

        rule(
                "speed.out-of-range",
                List.of("info: stroke rate outside " + s.strokeMinHz().value() + "-"
                        + s.strokeMaxHz().value() + " Hz (data quality)"),
                List.of(s.strokeMinHz().source(), s.strokeMaxHz().source()));

        rule(
                "contraindication.active",
                List.of(
                        "critical (block list): skin-infection, cold-sore, open-wound, sunburn, acne-flare, dermatitis-flare, bleeding-disorder,",
                        "  isotretinoin (and for " + s.isotretinoinMonths().value() + " months after the course)",
                        "warning (caution list): anticoagulants, keloid-history, pregnancy, poor-wound-healing, immunosuppression"),
                List.of(
                        "SkinPen and Dermapen labelling [R/M]; clinic contraindication lists [M]",
                        s.isotretinoinMonths().source()));

        out.println(text.dim("A pen stopped and started again on one area within "
                + SessionText.duration(s.continuationGap().value()) + " is one treatment ("
                + s.continuationGap().source() + ")."));
        out.flush();
        return ExitCodes.OK;
    }

    private void rule(String id, List<String> lines, List<String> sources) {
        out.println(text.bold(id));
        lines.forEach(l -> out.println("    " + l));
        sources.stream().distinct().forEach(src -> out.println(text.dim("    source: " + src)));
        out.println();
    }
}
