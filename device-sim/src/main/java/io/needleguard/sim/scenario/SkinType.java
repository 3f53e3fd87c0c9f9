package io.needleguard.sim.scenario;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fitzpatrick skin phototype. The safety defaults tighten area depth limits for types IV to VI,
 * where post-inflammatory hyperpigmentation is the most common adverse event.
 */
public enum SkinType {
    I, II, III, IV, V, VI;

    /** The id in scenario files: the Roman numeral. */
    public String id() {
        return name();
    }

    public static Optional<SkinType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    public static String allIds() {
        return Arrays.stream(values()).map(SkinType::id).collect(Collectors.joining(", "));
    }
}
