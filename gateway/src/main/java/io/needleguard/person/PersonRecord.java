package io.needleguard.person;

import io.needleguard.history.RecordedSession;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.session.Area;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needleguard holds about one person: their time zone, every session recorded for them
 * with its findings, their conditions, and the pens that recorded their sessions with the area each
 * is set to. What {@code needleguard export} writes, and what {@code needleguard owner erase} deletes.
 *
 * @param configured whether the configuration lists them (under {@code owners:}, or as the owner of a
 *                   pen or device)
 */
public record PersonRecord(
        Owner owner,
        boolean configured,
        List<RecordedSession> sessions,
        List<ConditionPeriod> conditions,
        List<Pen> pens,
        Instant at) {

    public PersonRecord {
        Objects.requireNonNull(owner, "owner");
        sessions = List.copyOf(sessions);
        conditions = List.copyOf(conditions);
        pens = List.copyOf(pens);
    }

    /**
     * A pen that recorded sessions of theirs.
     *
     * @param sessions   how many of the person's sessions it recorded
     * @param onlyTheirs whether every session it recorded is theirs
     * @param recorded   whether this gateway still records it (paired or configured)
     * @param area       the area its next sessions are set to
     */
    public record Pen(String serial, int sessions, boolean onlyTheirs, boolean recorded, Optional<Area> area) {}

    /** The number of findings on their sessions. */
    public int findings() {
        return sessions.stream().mapToInt(r -> r.findings().size()).sum();
    }

    /**
     * The pens whose area choice goes with them when they are erased: pens that recorded only their
     * sessions and that this gateway no longer records. A pen still recorded is someone's now; its
     * choice stays.
     */
    public List<Pen> pensOnlyTheirs() {
        return pens.stream().filter(p -> p.onlyTheirs() && !p.recorded()).toList();
    }
}
