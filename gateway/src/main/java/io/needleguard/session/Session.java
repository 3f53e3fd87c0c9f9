package io.needleguard.session;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One continuous run of a needling device on one area, from start to stop: as a pen recorded it, or
 * as its owner logged it by hand (a pen without Bluetooth, a derma roller).
 *
 * <p>A pen measures everything; a hand entry knows what its owner said. What was not said is empty,
 * never guessed: a hand entry has no stroke rate, and its end is empty when no duration was given.
 *
 * @param owner     the person whose skin it was (pens map to owners in the configuration)
 * @param strokeHz  the strokes per second the pen reported; empty for a hand entry
 * @param end       when it ended; empty for a hand entry logged without a duration
 * @param cartridge the needle cartridge's id as the pen read it or the owner gave it; empty when not known
 * @param device    the configured device (a roller, a pen without Bluetooth) a hand entry was done with,
 *                  when it names one; always empty for a pen's session (its pen is in its id)
 * @param zone      the owner's time zone when the session was recorded or logged: its calendar day is
 *                  that zone's, for good (a later change of the owner's zone does not move it). Empty
 *                  when not known (a session stored before zones were kept with sessions, or not yet
 *                  recorded): then the owner's current zone
 */
public record Session(
        SessionId id,
        String owner,
        Area area,
        Depth depth,
        OptionalInt strokeHz,
        Instant start,
        Optional<Instant> end,
        String cartridge,
        Optional<String> device,
        Optional<ZoneId> zone) {

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
        Objects.requireNonNull(strokeHz, "strokeHz");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(cartridge, "cartridge");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(zone, "zone");
        if (end.isPresent() && end.get().isBefore(start)) {
            throw new IllegalArgumentException(
                    "session " + id + " ends (" + end.get() + ") before it starts (" + start + ")");
        }
        if (strokeHz.isPresent() && strokeHz.getAsInt() < 0) {
            throw new IllegalArgumentException(
                    "session " + id + " has a negative stroke frequency: " + strokeHz.getAsInt());
        }
        if (!id.isHandEntry() && (strokeHz.isEmpty() || end.isEmpty() || device.isPresent())) {
            throw new IllegalArgumentException("session " + id
                    + " is a pen's: it has the stroke rate and end the pen reported, and no configured device");
        }
    }

    /** A session whose zone is not known yet: the recorder gives it its owner's zone when it stores it. */
    public Session(
            SessionId id,
            String owner,
            Area area,
            Depth depth,
            OptionalInt strokeHz,
            Instant start,
            Optional<Instant> end,
            String cartridge,
            Optional<String> device) {
        this(id, owner, area, depth, strokeHz, start, end, cartridge, device, Optional.empty());
    }

    /** A pen's session, with everything the pen measured. */
    public Session(
            SessionId id,
            String owner,
            Area area,
            Depth depth,
            int strokeHz,
            Instant start,
            Instant end,
            String cartridge) {
        this(
                id,
                owner,
                area,
                depth,
                OptionalInt.of(strokeHz),
                start,
                Optional.of(Objects.requireNonNull(end, "end")),
                cartridge,
                Optional.empty());
    }

    /**
     * A session logged by hand: no stroke rate (nobody counts strokes), and an end only when the
     * duration is known.
     */
    public static Session loggedByHand(
            SessionId id,
            String owner,
            Area area,
            Depth depth,
            Instant start,
            Optional<Duration> duration,
            String cartridge,
            Optional<String> device) {
        if (!id.isHandEntry()) {
            throw new IllegalArgumentException(id + " is a pen's session id, not a hand entry's");
        }
        return new Session(
                id, owner, area, depth, OptionalInt.empty(), start, duration.map(start::plus), cartridge, device);
    }

    /** The pen's serial; empty for a session logged by hand. */
    public Optional<String> pen() {
        return id.pen();
    }

    public boolean isHandEntry() {
        return id.isHandEntry();
    }

    /** How long it lasted; empty for a hand entry logged without a duration. */
    public Optional<Duration> duration() {
        return end.map(e -> Duration.between(start, e));
    }

    /**
     * The end, or the start when the duration is not known: the earliest the session can have ended.
     * What counts from a session's end (aftercare, a cartridge's evening, a treatment's pause) counts
     * from here when the duration is not known. A session lasts minutes; the rules then err on the
     * strict side (a cartridge counts as reused, a pause as over, a few minutes sooner).
     */
    public Instant endOrStart() {
        return end.orElse(start);
    }

    /** The same session in {@code zone}: the owner's zone when it is recorded. */
    public Session inZone(ZoneId inForce) {
        return new Session(id, owner, area, depth, strokeHz, start, end, cartridge, device, Optional.of(inForce));
    }

    /** Its own zone, or {@code ownersCurrent} when it has none stored (see {@link #zone}). */
    public ZoneId zoneOr(ZoneId ownersCurrent) {
        return zone.orElse(ownersCurrent);
    }

    public boolean isBefore(Session other) {
        return TIMELINE_ORDER.compare(this, other) < 0;
    }

    /**
     * The same session as someone else's (it was recorded for the wrong person): only the owner changes,
     * everything measured stays.
     */
    public Session withOwner(String newOwner) {
        // The zone was the previous owner's: the new owner's in force is stamped when it is stored.
        return new Session(id, newOwner, area, depth, strokeHz, start, end, cartridge, device, Optional.empty());
    }
}
