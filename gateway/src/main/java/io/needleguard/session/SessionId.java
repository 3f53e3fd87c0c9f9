package io.needleguard.session;

import io.needleguard.text.Quote;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A session's identity, stable for as long as the history keeps the session: consumers drop
 * duplicates by it.
 *
 * <ul>
 *   <li>A pen's session: the pen's serial and the pen's own session counter, {@code SIM-0001:12}. The
 *       same session seen twice (a reconnect, a restart, a second gateway) has the same id and is stored
 *       once.
 *   <li>A session logged by hand: {@code hand-3}, the entry's number, given in the order entries are
 *       logged and never given again, not even after the entry is deleted.
 * </ul>
 *
 * The two forms cannot be mistaken for each other: a pen's id always has a colon, a hand entry's never.
 *
 * @param pen     the pen's serial; empty for a session logged by hand
 * @param counter the pen's session counter, or the hand entry's number
 */
public record SessionId(Optional<String> pen, long counter) implements Comparable<SessionId> {

    /** What a hand entry's id starts with: {@code hand-3}. */
    public static final String HAND_PREFIX = "hand-";

    // Hand entries first, as the history's timeline order (by pen, '' before any serial) puts them.
    private static final Comparator<SessionId> ORDER =
            Comparator.comparing((SessionId id) -> id.pen().orElse("")).thenComparingLong(SessionId::counter);

    public SessionId {
        Objects.requireNonNull(pen, "pen");
        if (pen.isPresent() && pen.get().isBlank()) {
            throw new IllegalArgumentException("a session id needs a pen serial");
        }
        if (pen.isPresent() && counter < 0) {
            throw new IllegalArgumentException("a pen session counter cannot be negative: " + counter);
        }
        if (pen.isEmpty() && counter < 1) {
            throw new IllegalArgumentException("hand entries are numbered from 1, not " + counter);
        }
    }

    /** A pen's session: its serial and the pen's own counter. */
    public SessionId(String pen, long counter) {
        this(Optional.of(Objects.requireNonNull(pen, "pen")), counter);
    }

    /** A session logged by hand, by its entry number. */
    public static SessionId handEntry(long number) {
        return new SessionId(Optional.empty(), number);
    }

    public boolean isHandEntry() {
        return pen.isEmpty();
    }

    /**
     * Parses the external form written by {@link #toString()}: {@code SERIAL:COUNTER} or
     * {@code hand-N}.
     */
    public static SessionId parse(String text) {
        if (text.startsWith(HAND_PREFIX) && text.indexOf(':') < 0) {
            try {
                long number = Long.parseLong(text.substring(HAND_PREFIX.length()));
                if (number >= 1 && text.substring(HAND_PREFIX.length()).chars().allMatch(Character::isDigit)) {
                    return handEntry(number);
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw malformed(text);
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw malformed(text);
        }
        try {
            return new SessionId(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw malformed(text);
        }
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException(
                "a session id looks like SERIAL:COUNTER (a pen's) or hand-N (logged by hand), not " + Quote.of(text));
    }

    @Override
    public int compareTo(SessionId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return pen.map(serial -> serial + ":" + counter).orElse(HAND_PREFIX + counter);
    }
}
