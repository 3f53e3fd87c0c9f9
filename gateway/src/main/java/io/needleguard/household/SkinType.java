package io.needleguard.household;

import io.needleguard.text.RefusedValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fitzpatrick skin phototype. The safety defaults tighten area depth limits for types IV to VI,
 * where post-inflammatory hyperpigmentation is the most common adverse event.
 */
public enum SkinType {
    I,
    II,
    III,
    IV,
    V,
    VI;

    /** The id in configuration and scenario files: the Roman numeral. */
    public String id() {
        return name();
    }

    /** The type {@code id} names, as the configuration and the command line read it. */
    public static SkinType parse(String id) {
        return fromId(id)
                .orElseThrow(() -> new RefusedValue(id, " is not a Fitzpatrick skin type; use one of: " + allIds()));
    }

    public static Optional<SkinType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    /** Types IV to VI: the safety defaults tighten area depth limits for them. */
    public boolean isDark() {
        return compareTo(IV) >= 0;
    }

    public static String allIds() {
        return Arrays.stream(values()).map(SkinType::id).collect(Collectors.joining(", "));
    }
}
