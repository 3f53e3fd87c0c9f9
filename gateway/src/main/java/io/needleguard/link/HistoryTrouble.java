package io.needleguard.link;

/**
 * Whether the history could not be written the last time a pen's session was stored, and why: each
 * change is logged once, whichever pen meets it, instead of once per pen per attempt.
 */
final class HistoryTrouble {

    private String current;

    /** The history failed with {@code problem}: true if that is news (no trouble before, or another one). */
    synchronized boolean changedTo(String problem) {
        if (problem.equals(current)) {
            return false;
        }
        current = problem;
        return true;
    }

    /** A session was stored: true if there was trouble until now. */
    synchronized boolean cleared() {
        boolean was = current != null;
        current = null;
        return was;
    }
}
