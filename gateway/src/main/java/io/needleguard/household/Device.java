package io.needleguard.household;

import io.needleguard.session.Depth;
import io.needleguard.text.Quote;
import io.needleguard.text.RefusedValue;
import io.needleguard.text.Spelling;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A needling device without Bluetooth, named in the configuration so that a session logged by hand
 * can say which one it was, and take its owner and, for a roller, its depth from it.
 *
 * @param owner        whose device it is: a session logged with it is theirs unless said otherwise
 * @param needleLength a roller's needles have one length, the depth of every session with it; a pen's
 *                     depth is set for each session, so a pen has none
 */
public record Device(String id, Kind kind, String owner, Optional<Depth> needleLength) {

    /** What kind of device: the ids are part of the configuration. */
    public enum Kind {
        /** A derma roller: fixed needles, no motor, no stroke rate. */
        ROLLER("roller"),
        /** A microneedling pen that cannot report its sessions (no Bluetooth, or not needleguard's profile). */
        PEN("pen");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The kind {@code id} names, as the configuration and the command line read it. */
        public static Kind parse(String id) {
            return fromId(id)
                    .orElseThrow(() -> new RefusedValue(
                            id,
                            " is not a kind of device"
                                    + Spelling.suggestion(id, List.of("roller", "pen"))
                                    + "; use roller (a derma roller) or pen (a pen without Bluetooth)"));
        }

        public static Optional<Kind> fromId(String id) {
            return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
        }

        public static String allIds() {
            return Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** What a roller's needle length may be. */
    public static final String NEEDLE_LENGTH_RANGE =
            "the needle length in mm, from 0.01 to 3.00 with at most two decimals, e.g. 0.5";

    private static final String NEEDLE_LENGTHS = " is not allowed; use " + NEEDLE_LENGTH_RANGE;

    private static final Depth LONGEST_NEEDLES = Depth.ofMm("3.00");

    /** A roller's needle length as the configuration reads it (a number), refused unless 0.01 to 3.00 mm. */
    public static Depth needleLength(BigDecimal mm) {
        try {
            return needleLength(Depth.ofMm(mm), Quote.number(mm));
        } catch (RefusedValue e) {
            throw e;
        } catch (IllegalArgumentException e) { // more than two decimals, or far too long
            throw new RefusedValue(Quote.number(mm), NEEDLE_LENGTHS);
        }
    }

    /** A roller's needle length as the command line reads it (text), refused as {@link #needleLength(BigDecimal)}. */
    public static Depth needleLength(String mm) {
        try {
            return needleLength(Depth.ofMm(mm), mm);
        } catch (RefusedValue e) {
            throw e;
        } catch (IllegalArgumentException e) { // not a number (NumberFormatException), or refused as a depth
            throw new RefusedValue(mm, NEEDLE_LENGTHS);
        }
    }

    private static Depth needleLength(Depth depth, String written) {
        if (depth.hundredthsMm() > 0 && !depth.isAbove(LONGEST_NEEDLES)) {
            return depth;
        }
        throw new RefusedValue(written, NEEDLE_LENGTHS);
    }

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(needleLength, "needleLength");
        if (kind == Kind.ROLLER && needleLength.isEmpty()) {
            throw new IllegalArgumentException("roller " + id + " needs its needle length");
        }
        if (kind == Kind.PEN && needleLength.isPresent()) {
            throw new IllegalArgumentException(
                    "pen " + id + " has no fixed needle length: its depth is set per session");
        }
    }
}
