package io.needleguard.gateway;

import io.needleguard.history.RecordedSession;
import io.needleguard.history.SessionHistory;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which id a pen's record is stored under. A pen counts its sessions from 1 and never gives a number
 * twice (pen profile), so its serial and counter name a session for good. A pen whose count started
 * again (new firmware, a reset, a replacement with the same serial) breaks that: its new sessions come
 * with the numbers of sessions already in the history. Taken for the same sessions, they would be
 * dropped as duplicates and deleted from the pen: lost. So a record is a new generation of the pen's
 * ids ({@code SERIAL:1.N}, see {@link SessionId}) when
 *
 * <ul>
 *   <li>its id is a stored session's, with other content (another start, end, depth, rate, area or
 *       cartridge): the same session sent twice is the same in every field the pen measures; or
 *   <li>its counter is at or below the last one stored for the pen and the history has no session with
 *       it: the pen's sessions come in counter order, so a counter that went back is a count that started
 *       again.
 * </ul>
 *
 * Every session of the pen after that one, in that connection or later, is in the new generation:
 * the history's latest session of the pen says which generation is current. Called on the pen's own
 * thread, so one pen's records are identified one at a time.
 */
final class PenGenerations {

    private final SessionHistory history;

    PenGenerations(SessionHistory history) {
        this.history = history;
    }

    /**
     * The id to store {@code record} under.
     *
     * @param newGeneration the record starts a new generation of the pen's ids (its counter started again)
     */
    record Identified(SessionId id, boolean newGeneration) {}

    Identified identify(String serial, SessionRecordFrame record) {
        Optional<SessionId> last = history.lastSession(serial);
        SessionId id = new SessionId(serial, last.map(SessionId::generation).orElse(0L), record.counter());
        Optional<RecordedSession> stored = history.find(id);
        if (stored.isPresent()) {
            return sameSession(stored.get().session(), record)
                    ? new Identified(id, false)
                    : new Identified(id.nextGeneration(), true);
        }
        if (last.isPresent() && record.counter() <= last.get().counter()) {
            return new Identified(id.nextGeneration(), true);
        }
        return new Identified(id, false);
    }

    /** Whether the pen sent the stored session again: every field it measured is the same. */
    private static boolean sameSession(Session stored, SessionRecordFrame record) {
        return stored.start().equals(record.start())
                && stored.end().equals(Optional.of(record.end()))
                && stored.depth().equals(record.depth())
                && stored.strokeHz().equals(OptionalInt.of(record.strokeHz()))
                && stored.area() == record.area()
                && stored.cartridge().equals(record.cartridge());
    }
}
