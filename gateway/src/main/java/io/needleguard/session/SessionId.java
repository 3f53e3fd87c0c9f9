package io.needleguard.session;

import java.util.Objects;

/**
 * A session's identity: the pen's serial and the pen's own session counter. The same session seen
 * twice (a reconnect, a restart, a second gateway) has the same id and is stored once.
 */
public record SessionId(String pen, long counter) implements Comparable<SessionId> {

    public SessionId {
        Objects.requireNonNull(pen, "pen");
        if (pen.isBlank()) {
            throw new IllegalArgumentException("a session id needs a pen serial");
        }
        if (counter < 0) {
            throw new IllegalArgumentException("a pen session counter cannot be negative: " + counter);
        }
    }

    /** Parses the external form {@code SERIAL:COUNTER} written by {@link #toString()}. */
    public static SessionId parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a session id looks like SERIAL:COUNTER, not '" + text + "'");
        }
        try {
            return new SessionId(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a session id looks like SERIAL:COUNTER, not '" + text + "'");
        }
    }

    @Override
    public int compareTo(SessionId other) {
        int byPen = pen.compareTo(other.pen);
        return byPen != 0 ? byPen : Long.compare(counter, other.counter);
    }

    @Override
    public String toString() {
        return pen + ":" + counter;
    }
}
