package io.needleguard.session;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where on the body a session was done. The pen cannot know; the user chooses it for a pen's next
 * sessions. The list is closed: ids are part of the CLI, MQTT and scenario contracts, and codes are
 * the values carried in pen profile frames (see src/docs/pen-profile.md).
 */
public enum Area {
    UNSPECIFIED("unspecified", 0),
    FOREHEAD("forehead", 1),
    PERIORBITAL("periorbital", 2),
    EYELIDS("eyelids", 3),
    NOSE("nose", 4),
    UPPER_LIP("upper-lip", 5),
    CHEEKS("cheeks", 6),
    CHIN("chin", 7),
    JAWLINE("jawline", 8),
    NECK("neck", 9),
    DECOLLETE("decollete", 10),
    HANDS("hands", 11),
    BODY("body", 12);

    /** {@link #values()} once: it copies the array on every call. */
    private static final Area[] ALL = values();

    private final String id;
    private final int code;

    Area(String id, int code) {
        this.id = id;
        this.code = code;
    }

    /** The id users type and read: {@code upper-lip}, {@code cheeks}. */
    public String id() {
        return id;
    }

    /** The one-byte code in pen profile frames. */
    public int code() {
        return code;
    }

    /** The area with this id. A plain loop: a listing looks up every session's area, thousands of them. */
    public static Optional<Area> fromId(String id) {
        for (Area area : ALL) {
            if (area.id.equals(id)) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    public static Optional<Area> fromCode(int code) {
        return Arrays.stream(values()).filter(a -> a.code == code).findFirst();
    }

    /** All ids, in order. */
    public static java.util.List<String> ids() {
        return Arrays.stream(values()).map(Area::id).toList();
    }

    /** All ids, comma separated, for error messages that list what is allowed. */
    public static String allIds() {
        return Arrays.stream(values()).map(Area::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
