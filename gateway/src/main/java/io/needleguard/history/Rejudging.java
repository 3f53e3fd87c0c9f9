package io.needleguard.history;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Judges stored sessions again after something they depend on changed (a late session, a hand entry
 * corrected, a condition, a person erased), stores the findings that changed and tells the change log,
 * inside the caller's unit of work.
 */
final class Rejudging {

    private final SessionHistory history;
    private final SessionJudge judge;
    private final Supplier<Household> household;
    private final ChangeLog changeLog;

    Rejudging(SessionHistory history, SessionJudge judge, Supplier<Household> household, ChangeLog changeLog) {
        this.history = Objects.requireNonNull(history, "history");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.household = Objects.requireNonNull(household, "household");
        this.changeLog = Objects.requireNonNull(changeLog, "changeLog");
    }

    /** Judges again the sessions {@code session} may change the findings of (see {@link SessionJudge#affectedBy}). */
    List<Rejudged> after(Session session) {
        return rejudge(judge.affectedBy(session));
    }

    /**
     * Judges each session again, in timeline order, storing the findings that changed. Each owner's
     * sessions over the span the contexts need are read once, not once per session judged.
     *
     * @return the sessions whose findings changed, in the order given
     */
    List<Rejudged> rejudge(List<RecordedSession> sessions) {
        Map<String, Window> windows = new HashMap<>();
        for (RecordedSession r : sessions) {
            Session s = r.session();
            Owner owner = household.get().ownerOrDefault(s.owner());
            Window window = new Window(owner, judge.horizonStart(s), s.start().plusSeconds(1));
            windows.merge(s.owner(), window, Window::span);
        }
        Map<String, OwnerTimeline> timelines = new HashMap<>();
        windows.forEach((id, w) -> timelines.put(id, judge.timeline(w.owner(), w.from(), w.to())));
        List<Rejudged> changed = new ArrayList<>();
        for (RecordedSession r : sessions) {
            List<Finding> updated = judge.judge(timelines.get(r.session().owner()), r.session());
            if (!updated.equals(r.findings())) {
                history.replaceFindings(r.session().id(), updated);
                RecordedSession now = new RecordedSession(r.session(), updated, r.recordedAt());
                changeLog.findingsChanged(now, r.findings());
                changed.add(new Rejudged(now, r.findings()));
            }
        }
        return changed;
    }

    /** The span of one owner's sessions that the contexts of the sessions judged again need. */
    private record Window(Owner owner, Instant from, Instant to) {
        Window span(Window other) {
            return new Window(
                    owner, from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
        }
    }
}
