package io.needleguard.rules;

import java.util.List;
import java.util.Optional;

/** One safety rule. Pure: the same context gives the same findings. */
public interface Rule {

    /** The rule id this rule reports under; part of the public contract. */
    String id();

    List<Finding> check(RuleContext context);

    /** When this rule next allows a session on the query's area; empty if it does not restrict it. */
    default Optional<NextSafe> nextSafe(NextSafeQuery query) {
        return Optional.empty();
    }
}
