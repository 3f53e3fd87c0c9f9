package io.needleguard.config;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.rules.AreaLimits;
import io.needleguard.rules.FrequencyLimits;
import io.needleguard.rules.RuleSettings;
import io.needleguard.rules.Sourced;
import io.needleguard.rules.SpacingTable;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.text.Quote;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code rules:} section (the household's, or one owner's) on top of the thresholds it
 * refines. Every value it sets names its configuration key as its source, so a finding says that the
 * threshold was the user's choice, not the evidence's. See src/dist/needleguard.yaml.
 */
final class RulesReader {

    private static final String DEPTH_RANGE = "a depth in mm from 0 to 3.00 with at most two decimals, e.g. 0.5";

    private RulesReader() {}

    static RuleSettings read(JsonFields rules, RuleSettings base) {
        rules.allowOnly(List.of(
                "depth",
                "spacing",
                "frequency",
                "duration",
                "cartridge-reuse-after-hours",
                "stroke-hz",
                "isotretinoin-months",
                "pause-minutes"));
        RuleSettings.Builder settings = base.toBuilder();
        rules.object("depth", OPTIONAL, "a mapping of depth limits").ifPresent(d -> depth(d, base, settings));
        rules.object("spacing", OPTIONAL, "a mapping with days-up-to-mm: and deeper-days:")
                .ifPresent(s -> settings.spacing(spacing(s, base.spacing())));
        rules.object("frequency", OPTIONAL, "a mapping of session counts")
                .ifPresent(f -> settings.frequency(frequency(f, base.frequency())));
        rules.object("duration", OPTIONAL, "a mapping with area-max-minutes: and day-max-minutes:")
                .ifPresent(d -> {
                    d.allowOnly(List.of("area-max-minutes", "day-max-minutes"));
                    minutes(d, "area-max-minutes", 1, 240).ifPresent(settings::areaSessionMax);
                    minutes(d, "day-max-minutes", 1, 24 * 60).ifPresent(settings::dailyMax);
                });
        whole(rules, "cartridge-reuse-after-hours", 0, 168)
                .ifPresent(h -> settings.cartridgeReuseAfter(Sourced.of(Duration.ofHours(h.value()), h.source())));
        rules.object("stroke-hz", OPTIONAL, "a mapping with min: and max:").ifPresent(s -> {
            s.allowOnly(List.of("min", "max"));
            Optional<Sourced<Integer>> min = whole(s, "min", 0, 1000);
            Optional<Sourced<Integer>> max = whole(s, "max", 0, 1000);
            int low = min.map(Sourced::value).orElse(base.strokeMinHz().value());
            int high = max.map(Sourced::value).orElse(base.strokeMaxHz().value());
            if (low >= high) {
                s.reject("min", low + " Hz is not below the maximum of " + high + " Hz; use min < max");
            } else {
                min.ifPresent(settings::strokeMinHz);
                max.ifPresent(settings::strokeMaxHz);
            }
        });
        whole(rules, "isotretinoin-months", 0, 12).ifPresent(settings::isotretinoinMonths);
        minutes(rules, "pause-minutes", 0, 240).ifPresent(settings::continuationGap);
        return settings.build();
    }

    private static void depth(JsonFields d, RuleSettings base, RuleSettings.Builder settings) {
        d.allowOnly(List.of(
                "home-warning-above-mm",
                "home-critical-above-mm",
                "area-limits-mm",
                "dark-skin-cap-mm",
                "not-for-needling"));
        Optional<Sourced<Depth>> warning = depth(d, "home-warning-above-mm");
        Optional<Sourced<Depth>> critical = depth(d, "home-critical-above-mm");
        Depth w = warning.map(Sourced::value).orElse(base.homeWarningAbove().value());
        Depth c = critical.map(Sourced::value).orElse(base.homeCriticalAbove().value());
        if (w.isAbove(c)) {
            d.reject(
                    "home-warning-above-mm",
                    w + " is above the critical limit of " + c
                            + "; the warning limit must not be deeper than the critical one");
        } else {
            warning.ifPresent(settings::homeWarningAbove);
            critical.ifPresent(settings::homeCriticalAbove);
        }
        Map<Area, Sourced<Depth>> limits = new EnumMap<>(Area.class);
        limits.putAll(base.areaLimits().limits());
        d.object("area-limits-mm", OPTIONAL, "a mapping of area ids to depths in mm")
                .ifPresent(a -> {
                    for (String name : a.names()) {
                        Optional<Area> area = Area.fromId(name).filter(x -> x != Area.UNSPECIFIED);
                        if (area.isEmpty()) {
                            a.reject(
                                    name,
                                    "is not an area with its own limit; use one of: "
                                            + Area.allIds().replace("unspecified, ", "")
                                            + " (an unspecified area takes the lowest limit)");
                            continue;
                        }
                        depth(a, name).ifPresent(limit -> limits.put(area.get(), limit));
                    }
                });
        Sourced<Depth> cap =
                depth(d, "dark-skin-cap-mm").orElse(base.areaLimits().darkSkinCap());
        settings.areaLimits(new AreaLimits(limits, cap));
        d.array("not-for-needling", OPTIONAL, "a list of area ids, e.g. [eyelids]")
                .ifPresent(list -> {
                    Set<Area> areas = EnumSet.noneOf(Area.class);
                    boolean ok = true;
                    for (int i = 0; i < list.size(); i++) {
                        Optional<Area> area = list.get(i).isTextual()
                                ? Area.fromId(list.get(i).textValue())
                                : Optional.empty();
                        if (area.isEmpty()) {
                            d.reject(
                                    "not-for-needling",
                                    "item " + i + " (" + list.get(i) + ") is not an area; use area ids: "
                                            + Area.allIds());
                            ok = false;
                        } else {
                            areas.add(area.get());
                        }
                    }
                    if (ok) {
                        settings.notForNeedling(Sourced.of(areas, configured(d.path("not-for-needling"))));
                    }
                });
    }

    private static SpacingTable spacing(JsonFields s, SpacingTable base) {
        s.allowOnly(List.of("days-up-to-mm", "deeper-days"));
        List<SpacingTable.Tier> tiers = new ArrayList<>(base.tiers());
        Optional<ArrayNode> list =
                s.array("days-up-to-mm", OPTIONAL, "a list of {up-to-mm: 0.5, days: 14}, shallowest first");
        if (list.isPresent()) {
            tiers.clear();
            Depth previous = null;
            for (int i = 0; i < list.get().size(); i++) {
                String path = s.path("days-up-to-mm") + "[" + i + "]";
                Optional<JsonFields> tier =
                        JsonFields.of(list.get().get(i), path, errors(s), "a mapping {up-to-mm: 0.5, days: 14}");
                if (tier.isEmpty()) {
                    continue;
                }
                tier.get().allowOnly(List.of("up-to-mm", "days"));
                Optional<Sourced<Depth>> upTo = depth(tier.get(), "up-to-mm", REQUIRED);
                Optional<Sourced<Integer>> days = whole(tier.get(), "days", 0, 365, REQUIRED);
                if (upTo.isPresent() && days.isPresent()) {
                    if (previous != null && !upTo.get().value().isAbove(previous)) {
                        tier.get()
                                .reject(
                                        "up-to-mm",
                                        upTo.get().value() + " is not deeper than the tier before (" + previous
                                                + "); list the tiers shallowest first");
                    }
                    previous = upTo.get().value();
                    tiers.add(
                            new SpacingTable.Tier(upTo.get().value(), days.get().value()));
                }
            }
        }
        int deeper = whole(s, "deeper-days", 0, 365).map(Sourced::value).orElse(base.deeperDays());
        return new SpacingTable(tiers, deeper, configured(s.path()));
    }

    private static FrequencyLimits frequency(JsonFields f, FrequencyLimits base) {
        f.allowOnly(List.of("light-up-to-mm", "medium-up-to-mm", "per-7-days", "per-30-days"));
        Depth light = depth(f, "light-up-to-mm").map(Sourced::value).orElse(base.lightDepth());
        Depth medium = depth(f, "medium-up-to-mm").map(Sourced::value).orElse(base.mediumDepth());
        if (light.isAbove(medium)) {
            f.reject(
                    "light-up-to-mm",
                    light + " is deeper than medium-up-to-mm (" + medium + "); light must not be deeper");
        }
        int[] week = {base.weekLight(), base.weekOther()};
        f.object("per-7-days", OPTIONAL, "a mapping with light: and other:").ifPresent(w -> {
            w.allowOnly(List.of("light", "other"));
            whole(w, "light", 1, 100).ifPresent(v -> week[0] = v.value());
            whole(w, "other", 1, 100).ifPresent(v -> week[1] = v.value());
        });
        int[] month = {base.monthLight(), base.monthMedium(), base.monthOther()};
        f.object("per-30-days", OPTIONAL, "a mapping with light:, medium: and other:")
                .ifPresent(m -> {
                    m.allowOnly(List.of("light", "medium", "other"));
                    whole(m, "light", 1, 100).ifPresent(v -> month[0] = v.value());
                    whole(m, "medium", 1, 100).ifPresent(v -> month[1] = v.value());
                    whole(m, "other", 1, 100).ifPresent(v -> month[2] = v.value());
                });
        return new FrequencyLimits(light, medium, week[0], week[1], month[0], month[1], month[2], configured(f.path()));
    }

    private static Optional<Sourced<Depth>> depth(JsonFields fields, String key) {
        return depth(fields, key, OPTIONAL);
    }

    private static Optional<Sourced<Depth>> depth(JsonFields fields, String key, JsonFields.Presence presence) {
        Optional<BigDecimal> mm = fields.decimal(key, presence, DEPTH_RANGE);
        if (mm.isEmpty()) {
            return Optional.empty();
        }
        try {
            Depth depth = Depth.ofMm(mm.get());
            if (depth.hundredthsMm() > 300) {
                fields.reject(key, Quote.number(mm.get()) + " mm is out of range; use " + DEPTH_RANGE);
                return Optional.empty();
            }
            return Optional.of(Sourced.of(depth, configured(fields.path(key))));
        } catch (IllegalArgumentException e) {
            fields.reject(key, Quote.number(mm.get()) + " is not allowed; use " + DEPTH_RANGE);
            return Optional.empty();
        }
    }

    private static Optional<Sourced<Integer>> whole(JsonFields fields, String key, int min, int max) {
        return whole(fields, key, min, max, OPTIONAL);
    }

    private static Optional<Sourced<Integer>> whole(
            JsonFields fields, String key, int min, int max, JsonFields.Presence presence) {
        String allowed = "a whole number from " + min + " to " + max;
        Optional<Long> value = fields.integer(key, presence, allowed);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() < min || value.get() > max) {
            fields.reject(key, value.get() + " is out of range; use " + allowed);
            return Optional.empty();
        }
        return Optional.of(Sourced.of(value.get().intValue(), configured(fields.path(key))));
    }

    private static Optional<Sourced<Duration>> minutes(JsonFields fields, String key, int min, int max) {
        return whole(fields, key, min, max).map(m -> Sourced.of(Duration.ofMinutes(m.value()), m.source()));
    }

    private static String configured(String path) {
        return "your configuration (" + path + ")";
    }

    private static ErrorLog errors(JsonFields fields) {
        return fields.errors();
    }
}
