package io.needleguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConditionHistory} does, run against each implementation. */
public abstract class ConditionHistoryContract {

    private static final Instant JAN_5 = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant JAN_9 = Instant.parse("2026-01-09T00:00:00Z");
    private static final Instant JAN_20 = Instant.parse("2026-01-20T00:00:00Z");

    protected ConditionHistory conditions;
    private AutoCloseable closer;

    /** A fresh, empty implementation, and how to close it. */
    protected abstract ConditionHistory create();

    protected abstract AutoCloseable closer();

    @BeforeEach
    void open() {
        conditions = create();
        closer = closer();
    }

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    private static ConditionPeriod period(String owner, Condition c, Instant from, Optional<Instant> until) {
        return new ConditionPeriod(0, owner, c, from, until);
    }

    @Test
    void storedConditionsGetDistinctIdsAndAreListedOldestFirst() {
        ConditionPeriod later = conditions.addCondition(period("alex", Condition.SUNBURN, JAN_9, Optional.of(JAN_20)));
        ConditionPeriod earlier =
                conditions.addCondition(period("alex", Condition.ISOTRETINOIN, JAN_5, Optional.empty()));
        ConditionPeriod sams = conditions.addCondition(period("sam", Condition.COLD_SORE, JAN_5, Optional.empty()));

        assertTrue(later.id() > 0 && earlier.id() > 0 && sams.id() > 0);
        assertEquals(
                3,
                List.of(later.id(), earlier.id(), sams.id()).stream().distinct().count());
        assertEquals(List.of(earlier, later), conditions.conditions("alex"));
        assertEquals(List.of(earlier, sams, later), conditions.allConditions());
        assertEquals(List.of(), conditions.conditions("nobody"));
    }

    @Test
    void everyFieldIsKept() {
        ConditionPeriod stored =
                conditions.addCondition(period("alex", Condition.PREGNANCY, JAN_5, Optional.of(JAN_20)));
        ConditionPeriod read = conditions.conditions("alex").get(0);
        assertEquals(stored, read);
        assertEquals(Condition.PREGNANCY, read.condition());
        assertEquals(JAN_5, read.from());
        assertEquals(Optional.of(JAN_20), read.until());
    }

    @Test
    void endingAConditionSetsItsEndToTheSecond() {
        ConditionPeriod open = conditions.addCondition(period("alex", Condition.SUNBURN, JAN_5, Optional.empty()));

        Optional<ConditionPeriod> ended = conditions.endCondition(open.id(), JAN_9.plusMillis(700));

        assertEquals(Optional.of(open.endingAt(JAN_9)), ended);
        assertEquals(List.of(open.endingAt(JAN_9)), conditions.conditions("alex"));
    }

    @Test
    void endingAConditionThatDoesNotExistChangesNothing() {
        ConditionPeriod open = conditions.addCondition(period("alex", Condition.SUNBURN, JAN_5, Optional.empty()));
        assertEquals(Optional.empty(), conditions.endCondition(open.id() + 100, JAN_9));
        assertEquals(List.of(open), conditions.allConditions());
    }
}
