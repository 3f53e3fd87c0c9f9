package io.needleguard.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One continuous run of a pen on one area, from start to stop, as the pen recorded it.
 *
 * @param owner     the person whose skin it was (pens map to owners in the configuration)
 * @param cartridge the needle cartridge's id as the pen read it
 */
public record Session(
        SessionId id,
        String owner,
        Area area,
        Depth depth,
        int strokeHz,
        Instant start,
        Instant end,
        String cartridge) {

    /**
     * The timeline order every rule and every listing uses: by start, then pen, then counter, so
     * that two sessions starting in the same second still have one stable order.
     */
    public static final Comparator<Session> TIMELINE_ORDER =
            Comparator.comparing(Session::start).thenComparing(Session::id);

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(cartridge, "cartridge");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException(
                    "session " + id + " ends (" + end + ") before it starts (" + start + ")");
        }
        if (strokeHz < 0) {
            throw new IllegalArgumentException("session " + id + " has a negative stroke frequency: " + strokeHz);
        }
    }

    public String pen() {
        return id.pen();
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean isBefore(Session other) {
        return TIMELINE_ORDER.compare(this, other) < 0;
    }
}
