package io.needleguard.history;

import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The durable record of every session and its findings, and the owners' time zones. The domain's
 * port; the SQLite store is the adapter. Listings are in timeline order ({@link Session#TIMELINE_ORDER}).
 * Writes take part in the surrounding {@link Transactions#atomically} unit, if any.
 */
public interface SessionHistory {

    Optional<RecordedSession> find(SessionId id);

    /**
     * Stores a new session with its findings.
     *
     * @return false, changing nothing, when a session with that id is already stored
     */
    boolean add(Session session, List<Finding> findings, Instant recordedAt);

    /** Replaces the findings of a stored session (after a re-evaluation). */
    void replaceFindings(SessionId id, List<Finding> findings);

    /**
     * Numbers a new session logged by hand: the next number never given before, not even to an entry
     * deleted since, so that consumers who drop duplicates by session id never drop a new entry. Inside
     * a unit of work that is undone, the number is given back.
     */
    SessionId newHandEntryId();

    /**
     * Replaces what is stored of a session with this one of the same id (a hand entry corrected),
     * keeping its findings and when it was recorded: the caller replaces the findings.
     *
     * @return false, changing nothing, when no session has that id
     */
    boolean update(Session session);

    /**
     * Removes a session and its findings (a hand entry deleted). A hand entry keeps its number: it is
     * not given again.
     *
     * @param at when it was deleted (kept with the entry's number)
     * @return false, changing nothing, when no session has that id
     */
    boolean delete(SessionId id, Instant at);

    /** The owner's sessions that start in {@code [from, to)}. */
    List<RecordedSession> ownerSessions(String owner, Instant from, Instant to);

    /**
     * The owner's sessions that start in {@code [from, to)}, without their findings: what the rules
     * look at. Adapters that keep findings apart read less this way.
     */
    default List<Session> ownerTimeline(String owner, Instant from, Instant to) {
        return ownerSessions(owner, from, to).stream()
                .map(RecordedSession::session)
                .toList();
    }

    /**
     * Every stored session, of any owner, that used this cartridge (none for the empty cartridge id): a
     * lookup by cartridge, as cheap with years of history as with a week.
     */
    List<Session> cartridgeUses(String cartridge);

    /**
     * Every stored session, of any owner, logged with this configured device (a roller is its own
     * needle set): a lookup by device, as cheap with years of history as with a week.
     */
    List<Session> deviceUses(String device);

    List<RecordedSession> list(HistoryQuery query);

    /**
     * {@link #list}'s sessions handed over one at a time as they are read, in the same order: a long
     * listing can be printed while the rest is read, and need not be held twice.
     */
    default void each(HistoryQuery query, Consumer<RecordedSession> each) {
        list(query).forEach(each);
    }

    /** Remembers the owners and their time zones (added or updated, never removed). */
    void saveOwners(List<Owner> owners);

    /** The time zone of every owner ever saved. */
    Map<String, ZoneId> ownerZones();

    /** Every pen that has sessions in the history, by serial (sessions logged by hand have no pen). */
    Set<String> pens();

    /**
     * The id of the pen's latest session, if it has any: the highest counter of its latest generation
     * (see {@link SessionId}), which the pen's next sessions follow.
     */
    Optional<SessionId> lastSession(String pen);
}
