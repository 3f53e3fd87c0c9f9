package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An owner's conditions added and ended: the condition, the owner's sessions in its time judged again,
 * and what reports the findings that changed (the outbox) stored together or not at all; then told.
 */
final class ConditionChanges {

    private final Transactions transactions;
    private final SessionHistory history;
    private final ConditionHistory conditions;
    private final Rejudging rejudging;
    private final AfterCommit told;

    ConditionChanges(
            Transactions transactions,
            SessionHistory history,
            ConditionHistory conditions,
            Rejudging rejudging,
            AfterCommit told) {
        this.transactions = transactions;
        this.history = history;
        this.conditions = conditions;
        this.rejudging = rejudging;
        this.told = told;
    }

    SessionRecorder.ConditionChange add(ConditionPeriod condition) {
        List<Rejudged> changed = new ArrayList<>();
        ConditionPeriod stored = transactions.atomically(() -> {
            ConditionPeriod added = conditions.addCondition(condition);
            changed.addAll(rejudgeFrom(added));
            return added;
        });
        told.rejudged(changed);
        return new SessionRecorder.ConditionChange(stored, Rejudged.now(changed));
    }

    /** Ends a condition at {@code until} (exclusive); empty if there is no condition with that id. */
    Optional<SessionRecorder.ConditionChange> end(long id, Instant until) {
        List<Rejudged> changed = new ArrayList<>();
        Optional<ConditionPeriod> ended = transactions.atomically(() -> {
            Optional<ConditionPeriod> done = conditions.endCondition(id, until);
            done.ifPresent(c -> changed.addAll(rejudgeFrom(c)));
            return done;
        });
        told.rejudged(changed);
        return ended.map(c -> new SessionRecorder.ConditionChange(c, Rejudged.now(changed)));
    }

    /** The owner's sessions from the condition's start on: any of them may have been judged with it or without. */
    private List<Rejudged> rejudgeFrom(ConditionPeriod condition) {
        return rejudging.rejudge(history.ownerSessions(condition.owner(), condition.from(), Instant.MAX));
    }
}
