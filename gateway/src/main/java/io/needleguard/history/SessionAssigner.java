package io.needleguard.history;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.text.Quote;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A session given to another person: the owner changed and kept with whose it was and when, the session
 * judged against its new owner's history, and the sessions after it judged again for both people (the
 * old owner's lose what came from it, the new owner's see it), in one unit of work; then told as an
 * edit, so that MQTT and the dashboard show it where it now belongs. What was measured is not touched.
 * Pens' sessions and hand entries alike: whose skin it was is not something the pen measured.
 */
final class SessionAssigner {

    private final Transactions transactions;
    private final SessionHistory history;
    private final SessionAssignments assignments;
    private final SessionJudge judge;
    private final Rejudging rejudging;
    private final ChangeLog changeLog;
    private final Supplier<Household> household;
    private final Clock clock;
    private final AfterCommit told;

    SessionAssigner(
            History stores,
            SessionJudge judge,
            Rejudging rejudging,
            ChangeLog changeLog,
            Supplier<Household> household,
            Clock clock,
            AfterCommit told) {
        this.transactions = stores.transactions();
        this.history = stores.sessions();
        this.assignments = stores.assignments();
        this.judge = judge;
        this.rejudging = rejudging;
        this.changeLog = changeLog;
        this.household = household;
        this.clock = clock;
        this.told = told;
    }

    /**
     * Gives session {@code id} to person {@code ownerId}.
     *
     * @throws RefusedEntry when there is no such session, no such person, or the session is already theirs
     */
    SessionRecorder.Assignment assign(SessionId id, String ownerId) {
        Household inForce = household.get();
        Owner owner = inForce.owner(ownerId)
                .orElseThrow(() -> new RefusedEntry(Quote.of(ownerId) + " is not a person of this household; give"
                        + " one of: " + inForce.owners().stream().map(Owner::id).collect(Collectors.joining(", "))));
        List<Rejudged> changed = new ArrayList<>();
        SessionRecorder.Assignment done = transactions.atomically(() -> {
            RecordedSession before = history.find(id)
                    .orElseThrow(() -> new RefusedEntry("there is no session " + id
                            + " in the history; 'needleguard history' lists the sessions with their ids"));
            String previous = before.session().owner();
            if (previous.equals(owner.id())) {
                throw new RefusedEntry(
                        "session " + id + " is already " + owner.id() + "'s; give another person with --owner");
            }
            Session reassigned = judge.inZoneInForce(before.session().withOwner(owner.id()));
            history.update(reassigned);
            Reassignment change = new Reassignment(id, previous, clock.instant());
            assignments.add(change);
            List<Finding> findings = judge.judge(reassigned);
            history.replaceFindings(id, findings);
            RecordedSession now = new RecordedSession(reassigned, findings, before.recordedAt());
            changeLog.edited(now, before);
            // The old owner's sessions after it no longer see it; the new owner's now do.
            TreeMap<Session, RecordedSession> affected = new TreeMap<>(Session.TIMELINE_ORDER);
            judge.affectedBy(before.session()).forEach(r -> affected.put(r.session(), r));
            judge.affectedBy(reassigned).forEach(r -> affected.put(r.session(), r));
            changed.addAll(rejudging.rejudge(affected.values().stream()
                    .filter(r -> !r.session().id().equals(id))
                    .toList()));
            return new SessionRecorder.Assignment(now, before, change, Rejudged.now(changed));
        });
        told.edited(done.now(), done.before(), changed);
        return done;
    }
}
