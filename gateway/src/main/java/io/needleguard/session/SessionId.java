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
 *   <li>After the pen's counter started again (new firmware, a reset, a replacement with the same
 *       serial), the ids its sessions had are taken: its sessions from then on are a new generation,
 *       {@code SIM-0001:1.12} (generation 1, counter 12), {@code SIM-0001:2.12} after a second restart.
 *       Generation 0 is written without one, so ids from before stay what they were.
 *   <li>A session logged by hand: {@code hand-3}, the entry's number, given in the order entries are
 *       logged and never given again, not even after the entry is deleted.
 * </ul>
 *
 * The forms cannot be mistaken for each other: a pen's id always has a colon, a hand entry's never; a
 * serial may hold any printable character, colons and dots included, but what follows the last colon is
 * the counter alone, or a generation, a dot and the counter.
 *
 * @param pen        the pen's serial; empty for a session logged by hand
 * @param generation how many times the pen's counter has started again before this session (0 until it does)
 * @param counter    the pen's session counter, or the hand entry's number
 */
public record SessionId(Optional<String> pen, long generation, long counter) implements Comparable<SessionId> {

    /** What a hand entry's id starts with: {@code hand-3}. */
    public static final String HAND_PREFIX = "hand-";
    /** A pen counts its sessions in 32 bits (pen profile). */
    public static final long MAX_COUNTER = 0xFFFF_FFFFL;
    /** Restarts of one pen's counter that can be told apart: far more than a pen will have. */
    public static final long MAX_GENERATION = Integer.MAX_VALUE;

    // Hand entries first, as the history's timeline order (by pen, '' before any serial) puts them.
    private static final Comparator<SessionId> ORDER = Comparator.comparing(
                    (SessionId id) -> id.pen().orElse(""))
            .thenComparingLong(SessionId::generation)
            .thenComparingLong(SessionId::counter);

    public SessionId {
        Objects.requireNonNull(pen, "pen");
        if (pen.isPresent() && pen.get().isBlank()) {
            throw new IllegalArgumentException("a session id needs a pen serial");
        }
        if (pen.isPresent() && (counter < 0 || counter > MAX_COUNTER)) {
            throw new IllegalArgumentException("a pen session counter is 0 to " + MAX_COUNTER + ", not " + counter);
        }
        if (generation < 0 || generation > MAX_GENERATION || (pen.isEmpty() && generation != 0)) {
            throw new IllegalArgumentException(
                    "a pen's generation is 0 to " + MAX_GENERATION + ", and a hand entry has none: " + generation);
        }
        if (pen.isEmpty() && counter < 1) {
            throw new IllegalArgumentException("hand entries are numbered from 1, not " + counter);
        }
    }

    /** A pen's session: its serial and the pen's own counter, before any restart of the counter. */
    public SessionId(String pen, long counter) {
        this(pen, 0, counter);
    }

    /** A pen's session in a generation of its counter. */
    public SessionId(String pen, long generation, long counter) {
        this(Optional.of(Objects.requireNonNull(pen, "pen")), generation, counter);
    }

    /** A session logged by hand, by its entry number. */
    public static SessionId handEntry(long number) {
        return new SessionId(Optional.empty(), 0, number);
    }

    /** The same counter in the pen's next generation: for a session sent after the pen's counter started again. */
    public SessionId nextGeneration() {
        if (pen.isEmpty()) {
            throw new IllegalStateException("a hand entry has no generations: " + this);
        }
        return new SessionId(pen, generation + 1, counter);
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
        String number = text.substring(colon + 1);
        int dot = number.indexOf('.');
        String generation = dot < 0 ? "0" : number.substring(0, dot);
        String counter = number.substring(dot + 1);
        // Digits only, at most 10 of them (a counter's 32 bits): no sign, no spaces, no 1e9.
        if (!digits(generation) || !digits(counter) || (dot >= 0 && generation.charAt(0) == '0')) {
            throw malformed(text);
        }
        try {
            return new SessionId(text.substring(0, colon), Long.parseLong(generation), Long.parseLong(counter));
        } catch (IllegalArgumentException e) {
            throw malformed(text);
        }
    }

    private static boolean digits(String text) {
        return !text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("a session id looks like SERIAL:COUNTER or SERIAL:GENERATION.COUNTER"
                + " (a pen's) or hand-N (logged by hand), not " + Quote.of(text));
    }

    @Override
    public int compareTo(SessionId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return pen.map(serial -> serial + ":" + (generation == 0 ? "" : generation + ".") + counter)
                .orElse(HAND_PREFIX + counter);
    }
}
