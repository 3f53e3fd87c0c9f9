package io.needleguard.history;

import java.util.Objects;

/**
 * The history as the gateway works with it: its ports over one store (the SQLite database, or fakes
 * in tests), and the transactions that span them.
 */
public record History(
        Transactions transactions,
        SessionHistory sessions,
        ConditionHistory conditions,
        AreaChoices areas,
        SessionAssignments assignments,
        ChangeSignal changes) {

    public History {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(areas, "areas");
        Objects.requireNonNull(assignments, "assignments");
        Objects.requireNonNull(changes, "changes");
    }
}
