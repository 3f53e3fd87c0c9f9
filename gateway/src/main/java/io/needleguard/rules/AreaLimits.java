package io.needleguard.rules;

import io.needleguard.household.SkinType;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The deepest needling each area takes at home. Areas without a limit (the eyelids, which are not
 * needled at all) have no entry. For Fitzpatrick skin types IV to VI every limit is capped at
 * {@code darkSkinCap}, and an unspecified area takes the lowest limit of all.
 */
public record AreaLimits(Map<Area, Sourced<Depth>> limits, Sourced<Depth> darkSkinCap) {

    public AreaLimits {
        limits = Map.copyOf(limits);
        Objects.requireNonNull(darkSkinCap, "darkSkinCap");
        if (limits.containsKey(Area.UNSPECIFIED)) {
            throw new IllegalArgumentException("an unspecified area takes the lowest limit; it has none of its own");
        }
    }

    static AreaLimits defaults() {
        Map<Area, Sourced<Depth>> limits = new EnumMap<>(Area.class);
        Sourced<Depth> quarter = Sourced.of(Depth.ofMm("0.25"), Sources.AREA_LIMIT);
        Sourced<Depth> half = Sourced.of(Depth.ofMm("0.5"), Sources.AREA_LIMIT);
        for (Area a : new Area[] {
            Area.PERIORBITAL, Area.FOREHEAD, Area.NOSE, Area.UPPER_LIP, Area.NECK, Area.DECOLLETE, Area.HANDS
        }) {
            limits.put(a, quarter);
        }
        for (Area a : new Area[] {Area.CHEEKS, Area.CHIN, Area.JAWLINE, Area.BODY}) {
            limits.put(a, half);
        }
        return new AreaLimits(limits, Sourced.of(Depth.ofMm("0.25"), Sources.DARK_SKIN));
    }

    /** The limit for {@code area} on skin of {@code skinType}, with the source that set it. */
    public Optional<Sourced<Depth>> limitFor(Area area, Optional<SkinType> skinType) {
        if (area == Area.UNSPECIFIED) {
            return limits.keySet().stream()
                    .map(a -> limitFor(a, skinType).orElseThrow())
                    .min(Comparator.comparing(Sourced::value));
        }
        Sourced<Depth> limit = limits.get(area);
        if (limit == null) {
            return Optional.empty();
        }
        if (skinType.map(SkinType::isDark).orElse(false) && limit.value().isAbove(darkSkinCap.value())) {
            return Optional.of(darkSkinCap);
        }
        return Optional.of(limit);
    }
}
