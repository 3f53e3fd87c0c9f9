package io.needleguard.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule found about a session.
 *
 * @param rule       the rule id, part of the public contract (e.g. {@code spacing.min-interval})
 * @param severity   how much it matters
 * @param message    the numbers that triggered it and what to do, in plain words
 * @param source     the evidence key the default rests on (see src/docs/safety-rules.md)
 * @param nextSafeAt when the next session is safe as far as this rule is concerned; null where the
 *                   rule says nothing about time
 */
public record Finding(String rule, Severity severity, String message, String source, Instant nextSafeAt) {

    /** Most severe first, then by rule id: the order in every listing. */
    public static final Comparator<Finding> DISPLAY_ORDER = Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }

    public Optional<Instant> nextSafe() {
        return Optional.ofNullable(nextSafeAt);
    }
}
