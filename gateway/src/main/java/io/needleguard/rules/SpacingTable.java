package io.needleguard.rules;

import io.needleguard.session.Depth;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Minimum calendar days between two sessions on overlapping areas, chosen by the deeper of the two.
 *
 * @param tiers       up to and including {@code maxDepth}, wait {@code days}; ordered by depth
 * @param deeperDays  the wait for anything deeper than the last tier
 */
public record SpacingTable(List<Tier> tiers, int deeperDays, String source) {

    public record Tier(Depth maxDepth, int days) {
        public Tier {
            Objects.requireNonNull(maxDepth, "maxDepth");
            if (days < 0) {
                throw new IllegalArgumentException("a spacing interval cannot be negative: " + days + " days");
            }
        }
    }

    public SpacingTable {
        tiers = tiers.stream().sorted(Comparator.comparing(Tier::maxDepth)).toList();
        Objects.requireNonNull(source, "source");
    }

    public int daysFor(Depth depth) {
        return tiers.stream()
                .filter(t -> !depth.isAbove(t.maxDepth()))
                .findFirst()
                .map(Tier::days)
                .orElse(deeperDays);
    }

    public int longestDays() {
        return tiers.stream().mapToInt(Tier::days).reduce(deeperDays, Math::max);
    }
}
