package io.needleguard.history;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Whether the history could be written the last time something was stored in it, and if not, why: each
 * change is news once (the disk is full; there is room again), whoever meets it (any pen's session, a
 * message for MQTT), instead of once per attempt. Whoever is told of a change decides what to say.
 */
public final class HistoryTrouble {

    private final Consumer<Boolean> writableChanged;
    private String current;

    /** @param writableChanged told {@code false} when trouble starts and {@code true} when it ends */
    public HistoryTrouble(Consumer<Boolean> writableChanged) {
        this.writableChanged = Objects.requireNonNull(writableChanged, "writableChanged");
    }

    /**
     * Writing failed with {@code problem}.
     *
     * @return true if that is news: no trouble before, or another one (the same problem met again, also
     *     while storing something else, is not)
     */
    public boolean failed(HistoryException problem) {
        boolean started;
        synchronized (this) {
            if (problem.problem().equals(current)) {
                return false;
            }
            started = current == null;
            current = problem.problem();
        }
        if (started) {
            writableChanged.accept(false);
        }
        return true;
    }

    /**
     * Something was stored.
     *
     * @return true if that is news: there was trouble until now
     */
    public boolean cleared() {
        synchronized (this) {
            if (current == null) {
                return false;
            }
            current = null;
        }
        writableChanged.accept(true);
        return true;
    }

    public synchronized boolean writable() {
        return current == null;
    }
}
