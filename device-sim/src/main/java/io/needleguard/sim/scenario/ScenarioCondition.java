package io.needleguard.sim.scenario;

import io.needleguard.household.Condition;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A condition an owner has for a while, as plain scenario data: what it means for needling is the
 * rules' business, not the scenario's.
 *
 * @param from  the first moment it holds
 * @param until the first moment it no longer holds (exclusive); a date {@code until} in the file
 *              becomes the start of the next day in the owner's zone, so that day is included.
 *              Empty: open-ended.
 */
public record ScenarioCondition(String owner, Condition condition, Instant from, Optional<Instant> until) {

    public ScenarioCondition {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isPresent() && until.get().isBefore(from)) {
            throw new IllegalArgumentException(
                    "condition " + condition + " ends (" + until.get() + ") before it starts (" + from + ")");
        }
    }

    ScenarioCondition shiftedBy(java.time.Duration offset) {
        return new ScenarioCondition(owner, condition, from.plus(offset), until.map(u -> u.plus(offset)));
    }
}
