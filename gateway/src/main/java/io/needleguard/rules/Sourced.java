package io.needleguard.rules;

import java.util.Objects;

/**
 * A threshold together with where it comes from: the evidence behind a shipped default, or the
 * user's configuration key when they changed it. Findings carry the source so a user can see why.
 */
public record Sourced<T>(T value, String source) {

    public Sourced {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    public static <T> Sourced<T> of(T value, String source) {
        return new Sourced<>(value, source);
    }
}
