package io.needleguard.history;

import java.util.Set;

/**
 * Deletes what the history holds about one person ({@code needleguard owner erase}). The domain's
 * port; the SQLite store is the adapter. Deletes take part in the surrounding
 * {@link Transactions#atomically} unit.
 */
public interface PersonErasure {

    /** What an erase deleted. */
    record Erased(int sessions, int findings, int conditions, int areaChoices) {}

    /**
     * Deletes the person's sessions with their findings, their conditions and their time zone, and the
     * area choices of {@code pens}, overwriting what it deletes rather than only unlinking it.
     */
    Erased erase(String owner, Set<String> pens);

    /**
     * Once the erase is committed: rebuilds the database file, so that nothing deleted earlier lingers
     * in its free space either, and empties the write-ahead log. Best effort for the log: a reader that
     * holds an old snapshot delays emptying it (the next checkpoint does it then).
     */
    void scrub();
}
