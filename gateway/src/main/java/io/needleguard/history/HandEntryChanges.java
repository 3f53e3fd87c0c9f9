package io.needleguard.history;

import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Sessions logged by hand recorded, corrected and deleted: each change judged, stored, the sessions
 * after it judged again and its messages written, in one unit of work; then told. {@link HandLog} checks
 * the entries; the {@link SessionRecorder} calls this one change at a time with the pens' sessions.
 */
final class HandEntryChanges {

    private final Transactions transactions;
    private final SessionHistory history;
    private final SessionJudge judge;
    private final Rejudging rejudging;
    private final ChangeLog changeLog;
    private final Clock clock;
    private final AfterCommit told;

    HandEntryChanges(
            Transactions transactions,
            SessionHistory history,
            SessionJudge judge,
            Rejudging rejudging,
            ChangeLog changeLog,
            Clock clock,
            AfterCommit told) {
        this.transactions = transactions;
        this.history = history;
        this.judge = judge;
        this.rejudging = rejudging;
        this.changeLog = changeLog;
        this.clock = clock;
        this.told = told;
    }

    /** Numbers a new entry (its id is given to {@code entry}), judges and stores it, and judges again what follows. */
    SessionRecorder.Change record(Function<SessionId, Session> entry) {
        List<Rejudged> changed = new ArrayList<>();
        RecordedSession stored = transactions.atomically(() -> {
            SessionId id = history.newHandEntryId();
            Session session = judge.inZoneInForce(entry.apply(id));
            if (!session.id().equals(id)) {
                throw new IllegalArgumentException("a hand entry was given id " + id + ", not " + session.id());
            }
            List<Finding> findings = judge.judge(session);
            Instant now = clock.instant();
            history.add(session, findings, now);
            RecordedSession recorded = new RecordedSession(session, findings, now);
            changeLog.recorded(recorded);
            changed.addAll(rejudging.after(session));
            return recorded;
        });
        told.recorded(stored, changed);
        return new SessionRecorder.Change(stored, Rejudged.now(changed));
    }

    /**
     * Replaces an entry with its corrected version (same id), judges it where it now belongs, and judges
     * again the sessions after where it was and after where it is; empty if there is no session with that id.
     */
    Optional<SessionRecorder.Change> edit(Session corrected) {
        requireHandEntry(corrected.id());
        List<Rejudged> changed = new ArrayList<>();
        Optional<Edit> edit = transactions.atomically(() -> {
            Optional<RecordedSession> before = history.find(corrected.id());
            if (before.isEmpty()) {
                return Optional.<Edit>empty();
            }
            history.update(corrected);
            List<Finding> findings = judge.judge(corrected);
            history.replaceFindings(corrected.id(), findings);
            RecordedSession now =
                    new RecordedSession(corrected, findings, before.get().recordedAt());
            changeLog.edited(now, before.get());
            // What came after it where it was, and what comes after it where it is now.
            TreeMap<Session, RecordedSession> affected = new TreeMap<>(Session.TIMELINE_ORDER);
            judge.affectedBy(before.get().session()).forEach(r -> affected.put(r.session(), r));
            judge.affectedBy(corrected).forEach(r -> affected.put(r.session(), r));
            changed.addAll(rejudging.rejudge(affected.values().stream()
                    .filter(r -> !r.session().id().equals(corrected.id()))
                    .toList()));
            return Optional.of(new Edit(now, before.get()));
        });
        edit.ifPresent(e -> told.edited(e.now(), e.before(), changed));
        return edit.map(e -> new SessionRecorder.Change(e.now(), Rejudged.now(changed)));
    }

    /** Deletes an entry and judges again the sessions after it; empty if there is no session with that id. */
    Optional<SessionRecorder.Change> delete(SessionId id) {
        requireHandEntry(id);
        List<Rejudged> changed = new ArrayList<>();
        Optional<RecordedSession> deleted = transactions.atomically(() -> {
            Optional<RecordedSession> was = history.find(id);
            if (was.isEmpty()) {
                return was;
            }
            history.delete(id, clock.instant());
            changeLog.deleted(was.get());
            changed.addAll(rejudging.after(was.get().session()));
            return was;
        });
        deleted.ifPresent(was -> told.deleted(was, changed));
        return deleted.map(was -> new SessionRecorder.Change(was, Rejudged.now(changed)));
    }

    /** A pen's record is what it measured: only what was logged by hand can be corrected or deleted. */
    private static void requireHandEntry(SessionId id) {
        if (!id.isHandEntry()) {
            throw new IllegalArgumentException("session " + id + " was recorded by a pen; only hand entries change");
        }
    }

    private record Edit(RecordedSession now, RecordedSession before) {}
}
