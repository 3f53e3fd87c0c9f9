package io.needleguard.rules;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The thresholds the rules apply for one owner. {@link #defaults()} are the decided defaults of
 * src/docs/safety-rules.md (the safety reference, Part A); the configuration replaces any of them,
 * for the whole household or for one owner, and findings then cite the configuration as the source.
 *
 * @param continuationGap a pen stopped and started again on the same area within this gap is one
 *                        treatment with a pause, not two treatments
 */
public record RuleSettings(
        Sourced<Depth> homeWarningAbove,
        Sourced<Depth> homeCriticalAbove,
        AreaLimits areaLimits,
        Sourced<Set<Area>> notForNeedling,
        SpacingTable spacing,
        FrequencyLimits frequency,
        Sourced<Duration> areaSessionMax,
        Sourced<Duration> dailyMax,
        Sourced<Duration> cartridgeReuseAfter,
        Sourced<Integer> strokeMinHz,
        Sourced<Integer> strokeMaxHz,
        Sourced<Integer> isotretinoinMonths,
        Sourced<Duration> continuationGap) {

    public RuleSettings {
        Objects.requireNonNull(homeWarningAbove, "homeWarningAbove");
        Objects.requireNonNull(homeCriticalAbove, "homeCriticalAbove");
        Objects.requireNonNull(areaLimits, "areaLimits");
        Objects.requireNonNull(notForNeedling, "notForNeedling");
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(areaSessionMax, "areaSessionMax");
        Objects.requireNonNull(dailyMax, "dailyMax");
        Objects.requireNonNull(cartridgeReuseAfter, "cartridgeReuseAfter");
        Objects.requireNonNull(strokeMinHz, "strokeMinHz");
        Objects.requireNonNull(strokeMaxHz, "strokeMaxHz");
        Objects.requireNonNull(isotretinoinMonths, "isotretinoinMonths");
        Objects.requireNonNull(continuationGap, "continuationGap");
    }

    public static RuleSettings defaults() {
        return new RuleSettings(
                Sourced.of(Depth.ofMm("0.5"), Sources.HOME_WARNING),
                Sourced.of(Depth.ofMm("1.0"), Sources.HOME_CRITICAL),
                AreaLimits.defaults(),
                Sourced.of(Set.of(Area.EYELIDS), Sources.NOT_FOR_NEEDLING),
                new SpacingTable(
                        List.of(
                                new SpacingTable.Tier(Depth.ofMm("0.25"), 3),
                                new SpacingTable.Tier(Depth.ofMm("0.5"), 14),
                                new SpacingTable.Tier(Depth.ofMm("1.0"), 28)),
                        42,
                        Sources.SPACING),
                FrequencyLimits.defaults(),
                Sourced.of(Duration.ofMinutes(15), Sources.DURATION),
                Sourced.of(Duration.ofMinutes(30), Sources.DURATION),
                Sourced.of(Duration.ofHours(4), Sources.CARTRIDGE),
                Sourced.of(30, Sources.STROKE),
                Sourced.of(200, Sources.STROKE),
                Sourced.of(6, Sources.ISOTRETINOIN),
                Sourced.of(Duration.ofMinutes(30), Sources.CONTINUATION));
    }

    /**
     * How far back a rule may look: the longest interval any rule uses (spacing, the 30-day
     * frequency window), plus a day of margin.
     */
    public Period lookback() {
        return Period.ofDays(Math.max(spacing.longestDays(), 30) + 1);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some thresholds of a settings value (the configuration's overrides). */
    public static final class Builder {
        private Sourced<Depth> homeWarningAbove;
        private Sourced<Depth> homeCriticalAbove;
        private AreaLimits areaLimits;
        private Sourced<Set<Area>> notForNeedling;
        private SpacingTable spacing;
        private FrequencyLimits frequency;
        private Sourced<Duration> areaSessionMax;
        private Sourced<Duration> dailyMax;
        private Sourced<Duration> cartridgeReuseAfter;
        private Sourced<Integer> strokeMinHz;
        private Sourced<Integer> strokeMaxHz;
        private Sourced<Integer> isotretinoinMonths;
        private Sourced<Duration> continuationGap;

        private Builder(RuleSettings s) {
            homeWarningAbove = s.homeWarningAbove;
            homeCriticalAbove = s.homeCriticalAbove;
            areaLimits = s.areaLimits;
            notForNeedling = s.notForNeedling;
            spacing = s.spacing;
            frequency = s.frequency;
            areaSessionMax = s.areaSessionMax;
            dailyMax = s.dailyMax;
            cartridgeReuseAfter = s.cartridgeReuseAfter;
            strokeMinHz = s.strokeMinHz;
            strokeMaxHz = s.strokeMaxHz;
            isotretinoinMonths = s.isotretinoinMonths;
            continuationGap = s.continuationGap;
        }

        public Builder homeWarningAbove(Sourced<Depth> v) {
            homeWarningAbove = v;
            return this;
        }

        public Builder homeCriticalAbove(Sourced<Depth> v) {
            homeCriticalAbove = v;
            return this;
        }

        public Builder areaLimits(AreaLimits v) {
            areaLimits = v;
            return this;
        }

        public Builder notForNeedling(Sourced<Set<Area>> v) {
            notForNeedling = v;
            return this;
        }

        public Builder spacing(SpacingTable v) {
            spacing = v;
            return this;
        }

        public Builder frequency(FrequencyLimits v) {
            frequency = v;
            return this;
        }

        public Builder areaSessionMax(Sourced<Duration> v) {
            areaSessionMax = v;
            return this;
        }

        public Builder dailyMax(Sourced<Duration> v) {
            dailyMax = v;
            return this;
        }

        public Builder cartridgeReuseAfter(Sourced<Duration> v) {
            cartridgeReuseAfter = v;
            return this;
        }

        public Builder strokeMinHz(Sourced<Integer> v) {
            strokeMinHz = v;
            return this;
        }

        public Builder strokeMaxHz(Sourced<Integer> v) {
            strokeMaxHz = v;
            return this;
        }

        public Builder isotretinoinMonths(Sourced<Integer> v) {
            isotretinoinMonths = v;
            return this;
        }

        public Builder continuationGap(Sourced<Duration> v) {
            continuationGap = v;
            return this;
        }

        public RuleSettings build() {
            return new RuleSettings(
                    homeWarningAbove,
                    homeCriticalAbove,
                    areaLimits,
                    notForNeedling,
                    spacing,
                    frequency,
                    areaSessionMax,
                    dailyMax,
                    cartridgeReuseAfter,
                    strokeMinHz,
                    strokeMaxHz,
                    isotretinoinMonths,
                    continuationGap);
        }
    }
}
