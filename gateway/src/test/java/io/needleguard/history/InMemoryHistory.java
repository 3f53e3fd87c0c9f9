package io.needleguard.history;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A history in memory for tests: the in-memory fake of each port, and transactions over them. Its
 * change signal moves only when a test makes a change "from another process" with
 * {@link #fromAnotherProcess}, as SQLite's {@code data_version} moves only for other connections.
 */
public final class InMemoryHistory {

    private final AtomicLong version = new AtomicLong();

    private final InMemorySessions sessions = new InMemorySessions();
    private final InMemoryConditions conditions = new InMemoryConditions();
    private final InMemoryAreaChoices areas = new InMemoryAreaChoices();
    private final InMemoryAssignments assignments = new InMemoryAssignments();
    private final InMemoryTransactions transactions =
            new InMemoryTransactions().with(sessions).with(conditions).with(assignments);

    public InMemorySessions sessions() {
        return sessions;
    }

    public InMemoryConditions conditions() {
        return conditions;
    }

    public InMemoryAreaChoices areas() {
        return areas;
    }

    public InMemoryAssignments assignments() {
        return assignments;
    }

    public InMemoryTransactions transactions() {
        return transactions;
    }

    /** The ports as the gateway takes them. */
    public History history() {
        return history(sessions);
    }

    /** The ports, with the sessions port replaced (by one that fails, say). */
    public History history(SessionHistory otherSessions) {
        return new History(transactions, otherSessions, conditions, areas, assignments, version::get);
    }

    /** Makes a change as a {@code needleguard} command in another process would: the change signal moves. */
    public void fromAnotherProcess(Runnable change) {
        change.run();
        version.incrementAndGet();
    }
}
