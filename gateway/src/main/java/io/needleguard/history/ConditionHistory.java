package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The owners' conditions, with their dates: the input of {@code contraindication.active}. */
public interface ConditionHistory {

    /** One owner's conditions, past and present, oldest first. */
    List<ConditionPeriod> conditions(String owner);

    /** Everyone's conditions, oldest first. */
    List<ConditionPeriod> allConditions();

    /** Stores a condition and returns it with its id. */
    ConditionPeriod addCondition(ConditionPeriod condition);

    /** Sets the end of a condition; empty if there is none with that id. */
    Optional<ConditionPeriod> endCondition(long id, Instant until);
}
