package io.needleguard.history;

import io.needleguard.rules.Finding;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.RuleContext;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Session;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns sessions reported by pens into history: stores each session once, judges it against the
 * rules in timeline order, and re-judges the sessions after it when it arrived late. Same sessions,
 * same findings, whatever order they arrive in.
 */
public final class SessionRecorder {

    private static final Logger log = LoggerFactory.getLogger(SessionRecorder.class);

    /** What became of a session handed to {@link #record}. */
    public enum Outcome { RECORDED, DUPLICATE }

    private final SessionHistory history;
    private final ConditionHistory conditions;
    private final SafetyCheck check;
    private final Household household;
    private final Clock clock;
    private final RecorderListener listener;
    private final ChangeLog changeLog;

    public SessionRecorder(SessionHistory history, ConditionHistory conditions, SafetyCheck check, Household household,
                           Clock clock, RecorderListener listener) {
        this(history, conditions, check, household, clock, listener, ChangeLog.NONE);
    }

    /**
     * @param listener  hears each change after it is stored
     * @param changeLog hears each change inside the transaction that stores it (the MQTT outbox)
     */
    public SessionRecorder(SessionHistory history, ConditionHistory conditions, SafetyCheck check, Household household,
                           Clock clock, RecorderListener listener, ChangeLog changeLog) {
        this.history = Objects.requireNonNull(history, "history");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.check = Objects.requireNonNull(check, "check");
        this.household = Objects.requireNonNull(household, "household");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.changeLog = Objects.requireNonNull(changeLog, "changeLog");
    }

    /**
     * Records a session reported by a pen. Synchronized: sessions from several pens are judged one
     * at a time, so each sees the others that came before it.
     */
    public synchronized Outcome record(Session session) {
        Result result = history.atomically(() -> store(session));
        if (result == null) {
            log.debug("session {} is already in the history; not stored again", session.id());
            notify(() -> listener.duplicate(session.id()));
            return Outcome.DUPLICATE;
        }
        notify(() -> listener.recorded(result.recorded()));
        for (Changed changed : result.changed()) {
            notify(() -> listener.findingsChanged(changed.now(), changed.before()));
        }
        return Outcome.RECORDED;
    }

    /** Judges a session against the history as it stands, without storing anything. */
    public synchronized List<Finding> evaluate(Session session) {
        return check.check(context(session));
    }

    /**
     * Judges again an owner's sessions from {@code from} on, after their conditions changed; stores
     * and reports the findings that changed.
     *
     * @return the sessions whose findings changed
     */
    public synchronized List<RecordedSession> recheck(String owner, Instant from) {
        List<Changed> changed = history.atomically(() -> rejudge(history.ownerSessions(owner, from, Instant.MAX)));
        changed.forEach(c -> notify(() -> listener.findingsChanged(c.now(), c.before())));
        return changed.stream().map(Changed::now).toList();
    }

    private Result store(Session session) {
        if (history.find(session.id()).isPresent()) {
            return null;
        }
        List<Finding> findings = check.check(context(session));
        Instant now = clock.instant();
        history.add(session, findings, now);
        RecordedSession recorded = new RecordedSession(session, findings, now);
        changeLog.recorded(recorded);
        return new Result(recorded, rejudge(sessionsAffectedBy(session)));
    }

    /** Judges each session again, in timeline order, storing the findings that changed. */
    private List<Changed> rejudge(List<RecordedSession> sessions) {
        List<Changed> changed = new ArrayList<>();
        for (RecordedSession r : sessions) {
            List<Finding> updated = check.check(context(r.session()));
            if (!updated.equals(r.findings())) {
                history.replaceFindings(r.session().id(), updated);
                RecordedSession now = new RecordedSession(r.session(), updated, r.recordedAt());
                changeLog.findingsChanged(now, r.findings());
                changed.add(new Changed(now, r.findings()));
            }
        }
        return changed;
    }

    /**
     * Sessions whose findings may depend on {@code session}: the owner's later sessions, and later
     * sessions of anyone that used the same cartridge. Rules only look backwards, so nothing earlier.
     */
    private List<RecordedSession> sessionsAffectedBy(Session session) {
        TreeMap<Session, RecordedSession> affected = new TreeMap<>(Session.TIMELINE_ORDER);
        history.ownerSessions(session.owner(), session.start(), Instant.MAX).stream()
                .filter(r -> session.isBefore(r.session()))
                .forEach(r -> affected.put(r.session(), r));
        history.cartridgeUses(session.cartridge()).stream()
                .filter(session::isBefore)
                .forEach(s -> history.find(s.id()).ifPresent(r -> affected.put(s, r)));
        return List.copyOf(affected.values());
    }

    private RuleContext context(Session session) {
        Owner owner = household.ownerOrDefault(session.owner());
        var settings = check.settingsFor(owner);
        Instant from = session.start().atZone(owner.zone()).minus(settings.lookback()).minusDays(1).toInstant();
        List<Session> earlier = history.ownerSessions(session.owner(), from, session.start().plusSeconds(1)).stream()
                .map(RecordedSession::session)
                .filter(s -> s.isBefore(session))
                .toList();
        List<Session> cartridge = history.cartridgeUses(session.cartridge()).stream()
                .filter(s -> s.isBefore(session))
                .sorted(Comparator.comparing(Session::start))
                .toList();
        return new RuleContext(session, owner, settings, earlier, cartridge, conditions.conditions(owner.id()));
    }

    /** A listener's failure must not undo or stop recording: the session is already stored. */
    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("a listener failed after a session was stored (the session is safe in the history)", e);
        }
    }

    private record Changed(RecordedSession now, List<Finding> before) {
    }

    private record Result(RecordedSession recorded, List<Changed> changed) {
    }
}
