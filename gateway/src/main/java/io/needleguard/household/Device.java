package io.needleguard.household;

import io.needleguard.session.Depth;
import java.util.Arrays;
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
