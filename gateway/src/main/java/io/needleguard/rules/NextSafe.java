package io.needleguard.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * When the next session on an area is safe as far as one rule is concerned, and why.
 *
 * @param at     the moment; empty when no date can be given (a condition without an end, an area
 *               that is never needled at home)
 * @param rule   the rule id that sets it
 * @param reason what in the history sets it, in plain words
 */
public record NextSafe(Optional<Instant> at, String rule, String reason) {

    /** Later first; "no date" is later than any date. */
    public static final Comparator<NextSafe> LATEST_LAST =
            Comparator.comparing((NextSafe n) -> n.at().orElse(Instant.MAX));

    public NextSafe {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }

    static NextSafe at(Instant at, String rule, String reason) {
        return new NextSafe(Optional.of(at), rule, reason);
    }

    static NextSafe never(String rule, String reason) {
        return new NextSafe(Optional.empty(), rule, reason);
    }

    /**
     * When, in words: {@code from} and the date as {@code format} writes it; without a date, "not at
     * home" for an area never needled at home, and "no date" otherwise (a condition with no end recorded:
     * nothing says it may be needled elsewhere either).
     */
    public String when(Function<Instant, String> format) {
        return at.map(t -> "from " + format.apply(t))
                .orElse(rule.equals(AreaNotForNeedling.ID) ? "not at home" : "no date");
    }

    public boolean isAfter(Instant now) {
        return at.map(now::isBefore).orElse(true);
    }
}
