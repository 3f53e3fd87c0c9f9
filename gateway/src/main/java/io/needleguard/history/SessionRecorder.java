package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.RuleContext;
import io.needleguard.rules.RuleSettings;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns sessions into history: stores each session once, judges it against the rules in timeline
 * order, and re-judges the sessions after it when it arrived late. Same sessions, same findings,
 * whatever order they arrive in. Sessions come from pens, or are logged by hand ({@link HandLog}, which
 * also corrects and deletes them: the sessions after a change are judged again in the same way).
 */
public final class SessionRecorder {

    private static final Logger log = LoggerFactory.getLogger(SessionRecorder.class);

    /** What became of a session handed to {@link #record}. */
    public enum Outcome {
        RECORDED,
        DUPLICATE
    }

    private final Transactions transactions;
    private final SessionHistory history;
    private final ConditionHistory conditions;
    private final SafetyCheck check;
    private final Household household;
    private final Clock clock;
    private final RecorderListener listener;
    private final ChangeLog changeLog;

    public SessionRecorder(
            History history, SafetyCheck check, Household household, Clock clock, RecorderListener listener) {
        this(history, check, household, clock, listener, ChangeLog.NONE);
    }

    /**
     * @param listener  hears each change after it is stored
     * @param changeLog hears each change inside the transaction that stores it (the MQTT outbox)
     */
    public SessionRecorder(
            History history,
            SafetyCheck check,
            Household household,
            Clock clock,
            RecorderListener listener,
            ChangeLog changeLog) {
        this.transactions = history.transactions();
        this.history = history.sessions();
        this.conditions = history.conditions();
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
        Result result = transactions.atomically(() -> store(session));
        if (result == null) {
            log.debug("session {} is already in the history; not stored again", session.id());
            notify(() -> listener.duplicate(session.id()));
            return Outcome.DUPLICATE;
        }
        notify(() -> listener.recorded(result.recorded()));
        tell(result.changed());
        return Outcome.RECORDED;
    }

    /**
     * The hand log of this recorder: sessions logged by hand, judged with the same rules, people and
     * clock, one at a time with the pens' sessions.
     */
    public HandLog handLog() {
        return new HandLog(this, history, household, new SafetyStatus(history, conditions, check), clock);
    }

    /**
     * Records a session logged by hand: numbered (its id is given to {@code entry}), judged, stored,
     * and the sessions after it judged again, all in one unit of work with what reports them.
     */
    synchronized Change recordHandEntry(Function<SessionId, Session> entry) {
        List<Changed> changed = new ArrayList<>();
        RecordedSession stored = transactions.atomically(() -> {
            SessionId id = history.newHandEntryId();
            Session session = entry.apply(id);
            if (!session.id().equals(id)) {
                throw new IllegalArgumentException("a hand entry was given id " + id + ", not " + session.id());
            }
            List<Finding> findings = check.check(context(session));
            Instant now = clock.instant();
            history.add(session, findings, now);
            RecordedSession recorded = new RecordedSession(session, findings, now);
            changeLog.recorded(recorded);
            changed.addAll(rejudge(sessionsAffectedBy(session)));
            return recorded;
        });
        notify(() -> listener.recorded(stored));
        tell(changed);
        return new Change(stored, changed.stream().map(Changed::now).toList());
    }

    /**
     * Replaces a session logged by hand with its corrected version (same id), judges it where it now
     * belongs, and judges again the sessions after where it was and after where it is; empty if
     * there is no session with that id.
     */
    synchronized Optional<Change> editHandEntry(Session corrected) {
        requireHandEntry(corrected.id());
        List<Changed> changed = new ArrayList<>();
        Optional<Edit> edit = transactions.atomically(() -> {
            Optional<RecordedSession> before = history.find(corrected.id());
            if (before.isEmpty()) {
                return Optional.<Edit>empty();
            }
            history.update(corrected);
            List<Finding> findings = check.check(context(corrected));
            history.replaceFindings(corrected.id(), findings);
            RecordedSession now =
                    new RecordedSession(corrected, findings, before.get().recordedAt());
            changeLog.edited(now, before.get());
            // What came after it where it was, and what comes after it where it is now.
            TreeMap<Session, RecordedSession> affected = new TreeMap<>(Session.TIMELINE_ORDER);
            sessionsAffectedBy(before.get().session()).forEach(r -> affected.put(r.session(), r));
            sessionsAffectedBy(corrected).forEach(r -> affected.put(r.session(), r));
            changed.addAll(rejudge(affected.values().stream()
                    .filter(r -> !r.session().id().equals(corrected.id()))
                    .toList()));
            return Optional.of(new Edit(now, before.get()));
        });
        edit.ifPresent(e -> notify(() -> listener.edited(e.now(), e.before())));
        tell(changed);
        return edit.map(
                e -> new Change(e.now(), changed.stream().map(Changed::now).toList()));
    }

    /**
     * Deletes a session logged by hand and judges again the sessions after it; empty if there is no
     * session with that id.
     */
    synchronized Optional<Change> deleteHandEntry(SessionId id) {
        requireHandEntry(id);
        List<Changed> changed = new ArrayList<>();
        Optional<RecordedSession> deleted = transactions.atomically(() -> {
            Optional<RecordedSession> was = history.find(id);
            if (was.isEmpty()) {
                return was;
            }
            history.delete(id, clock.instant());
            changeLog.deleted(was.get());
            changed.addAll(rejudge(sessionsAffectedBy(was.get().session())));
            return was;
        });
        deleted.ifPresent(was -> notify(() -> listener.deleted(was)));
        tell(changed);
        return deleted.map(
                was -> new Change(was, changed.stream().map(Changed::now).toList()));
    }

    /**
     * A session as stored after a change (or as it was, when deleted), and the other sessions whose
     * findings the change changed, with their new findings.
     */
    record Change(RecordedSession session, List<RecordedSession> rejudged) {
        Change {
            rejudged = List.copyOf(rejudged);
        }
    }

    /** A pen's record is what it measured: only what was logged by hand can be corrected or deleted. */
    private static void requireHandEntry(SessionId id) {
        if (!id.isHandEntry()) {
            throw new IllegalArgumentException("session " + id + " was recorded by a pen; only hand entries change");
        }
    }

    /** Judges a session against the history as it stands, without storing anything. */
    public synchronized List<Finding> evaluate(Session session) {
        return check.check(context(session));
    }

    /**
     * Adds an owner's condition and judges their sessions in its time again: the condition, the
     * findings that changed and what reports them (the outbox) are stored together or not at all.
     */
    public synchronized ConditionChange addCondition(ConditionPeriod condition) {
        List<Changed> changed = new ArrayList<>();
        ConditionPeriod stored = transactions.atomically(() -> {
            ConditionPeriod added = conditions.addCondition(condition);
            changed.addAll(rejudge(history.ownerSessions(added.owner(), added.from(), Instant.MAX)));
            return added;
        });
        tell(changed);
        return new ConditionChange(stored, changed.stream().map(Changed::now).toList());
    }

    /**
     * Ends a condition at {@code until} (exclusive) and judges the sessions in its time again, in one
     * unit of work; empty if there is no condition with that id.
     */
    public synchronized Optional<ConditionChange> endCondition(long id, Instant until) {
        List<Changed> changed = new ArrayList<>();
        Optional<ConditionPeriod> ended = transactions.atomically(() -> {
            Optional<ConditionPeriod> done = conditions.endCondition(id, until);
            done.ifPresent(c -> changed.addAll(rejudge(history.ownerSessions(c.owner(), c.from(), Instant.MAX))));
            return done;
        });
        tell(changed);
        return ended.map(
                c -> new ConditionChange(c, changed.stream().map(Changed::now).toList()));
    }

    /**
     * A condition as stored, and the sessions whose findings it changed.
     *
     * @param rejudged the owner's sessions whose findings changed, with their new findings
     */
    public record ConditionChange(ConditionPeriod condition, List<RecordedSession> rejudged) {
        public ConditionChange {
            rejudged = List.copyOf(rejudged);
        }
    }

    /**
     * Erases a person ({@code needleguard owner erase}): their sessions with their findings, their
     * conditions, their time zone and the area choices of {@code pens}, through {@code erasure}, in one
     * unit of work with {@code withdraw} (what takes them off MQTT, written to the outbox) and with the
     * other people's sessions judged again without them: sessions that used a cartridge after them
     * (cartridge reuse looks across people). Self-contained for a later split of this class: of its
     * internals it uses only {@link #rejudge} and {@link #tell}.
     *
     * @return what was deleted, and the other sessions whose findings changed, with their new findings
     */
    public synchronized Erasure eraseOwner(String owner, Set<String> pens, PersonErasure erasure, Runnable withdraw) {
        List<Changed> changed = new ArrayList<>();
        PersonErasure.Erased erased = transactions.atomically(() -> {
            TreeMap<Session, RecordedSession> others = new TreeMap<>(Session.TIMELINE_ORDER);
            Map<String, Session> firstUse = new HashMap<>();
            for (RecordedSession r : history.list(HistoryQuery.all().withOwner(owner))) {
                if (!r.session().cartridge().isEmpty()) {
                    firstUse.merge(r.session().cartridge(), r.session(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            firstUse.forEach((cartridge, first) -> history.cartridgeUses(cartridge).stream()
                    .filter(s -> !s.owner().equals(owner) && first.isBefore(s))
                    .forEach(s -> history.find(s.id()).ifPresent(r -> others.put(s, r))));
            PersonErasure.Erased done = erasure.erase(owner, pens);
            withdraw.run();
            changed.addAll(rejudge(List.copyOf(others.values())));
            return done;
        });
        tell(changed);
        return new Erasure(erased, changed.stream().map(Changed::now).toList());
    }

    /**
     * A person erased: what was deleted, and the other people's sessions whose findings changed.
     *
     * @param rejudged other people's sessions judged again without them, with their new findings
     */
    public record Erasure(PersonErasure.Erased erased, List<RecordedSession> rejudged) {
        public Erasure {
            rejudged = List.copyOf(rejudged);
        }
    }

    private void tell(List<Changed> changed) {
        for (Changed c : changed) {
            notify(() -> listener.findingsChanged(c.now(), c.before()));
        }
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

    /**
     * Judges each session again, in timeline order, storing the findings that changed. Each owner's
     * sessions over the span the contexts need are read once, not once per session judged.
     */
    private List<Changed> rejudge(List<RecordedSession> sessions) {
        Map<String, Window> windows = new HashMap<>();
        for (RecordedSession r : sessions) {
            Session s = r.session();
            Owner owner = household.ownerOrDefault(s.owner());
            Instant from = horizonStart(s, owner);
            Instant to = s.start().plusSeconds(1);
            windows.merge(
                    s.owner(),
                    new Window(owner, from, to),
                    (a, b) -> new Window(owner, min(a.from, b.from), max(a.to, b.to)));
        }
        Map<String, OwnerTimeline> timelines = new HashMap<>();
        windows.forEach((id, w) -> timelines.put(id, timeline(w.owner, w.from, w.to)));
        List<Changed> changed = new ArrayList<>();
        for (RecordedSession r : sessions) {
            List<Finding> updated =
                    check.check(timelines.get(r.session().owner()).context(r.session()));
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
     * Sessions whose findings may depend on {@code session}: the owner's later sessions within the
     * rules' look-back (a session further on never sees it, see {@link #horizonStart}), and later
     * sessions of anyone that used the same cartridge or roller (cartridge reuse looks back without
     * limit). Rules only look backwards, so nothing earlier.
     */
    private List<RecordedSession> sessionsAffectedBy(Session session) {
        Owner owner = household.ownerOrDefault(session.owner());
        // The look-back plus the day horizonStart adds, and one more for a daylight-saving shift
        // between the two ends: a session after this cannot reach back to this one.
        Instant horizonEnd = session.start()
                .atZone(owner.zone())
                .plus(check.settingsFor(owner).lookback())
                .plusDays(2)
                .toInstant();
        TreeMap<Session, RecordedSession> affected = new TreeMap<>(Session.TIMELINE_ORDER);
        history.ownerSessions(session.owner(), session.start(), horizonEnd).stream()
                .filter(r -> session.isBefore(r.session()))
                .forEach(r -> affected.put(r.session(), r));
        history.cartridgeUses(session.cartridge()).stream()
                .filter(session::isBefore)
                .filter(s -> !affected.containsKey(s))
                .forEach(s -> history.find(s.id()).ifPresent(r -> affected.put(s, r)));
        session.device().map(history::deviceUses).orElse(List.of()).stream()
                .filter(session::isBefore)
                .filter(s -> !affected.containsKey(s))
                .forEach(s -> history.find(s.id()).ifPresent(r -> affected.put(s, r)));
        return List.copyOf(affected.values());
    }

    /** The context to judge one session in: the owner's sessions over the look-back, read for it alone. */
    private RuleContext context(Session session) {
        Owner owner = household.ownerOrDefault(session.owner());
        return timeline(owner, horizonStart(session, owner), session.start().plusSeconds(1))
                .context(session);
    }

    /** The owner's sessions that start in {@code [from, to)}, read once to judge several of them. */
    private OwnerTimeline timeline(Owner owner, Instant from, Instant to) {
        return new OwnerTimeline(owner, history.ownerTimeline(owner.id(), from, to));
    }

    /**
     * The earliest start a session's context includes: the rules' look-back, and a day more so that a
     * calendar day counted in the owner's zone is always whole.
     */
    private Instant horizonStart(Session session, Owner owner) {
        return session.start()
                .atZone(owner.zone())
                .minus(check.settingsFor(owner).lookback())
                .minusDays(1)
                .toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private record Window(Owner owner, Instant from, Instant to) {}

    /** One owner's sessions over a span (timeline order) and their conditions, read once. */
    private final class OwnerTimeline {
        private final Owner owner;
        private final RuleSettings settings;
        private final List<Session> sessions;
        private final List<ConditionPeriod> ownerConditions;

        private OwnerTimeline(Owner owner, List<Session> sessions) {
            this.owner = owner;
            this.settings = check.settingsFor(owner);
            this.sessions = sessions;
            this.ownerConditions = conditions.conditions(owner.id());
        }

        /** The context of {@code session}: the owner's sessions from its horizon up to it, and its cartridge's uses. */
        RuleContext context(Session session) {
            Instant from = horizonStart(session, owner);
            int first = firstIndex(s -> !s.start().isBefore(from));
            int end = firstIndex(s -> !s.isBefore(session));
            List<Session> earlier = first < end ? sessions.subList(first, end) : List.of();
            List<Session> cartridge = history.cartridgeUses(session.cartridge()).stream()
                    .filter(s -> s.isBefore(session))
                    .sorted(Comparator.comparing(Session::start))
                    .toList();
            Optional<Device> device = session.device().flatMap(household::device);
            List<Session> deviceUses = device.filter(d -> d.kind() == Device.Kind.ROLLER)
                    .map(d -> history.deviceUses(d.id()).stream()
                            .filter(s -> s.isBefore(session))
                            .toList())
                    .orElse(List.of());
            return new RuleContext(session, owner, settings, earlier, cartridge, ownerConditions)
                    .withDevice(device, deviceUses);
        }

        /** The first index whose session passes {@code test}, which holds from some index to the end. */
        private int firstIndex(Predicate<Session> test) {
            int lo = 0;
            int hi = sessions.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (test.test(sessions.get(mid))) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    /** A listener's failure must not undo or stop recording: the session is already stored. */
    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("a listener failed after a session was stored (the session is safe in the history)", e);
        }
    }

    private record Changed(RecordedSession now, List<Finding> before) {}

    private record Edit(RecordedSession now, RecordedSession before) {}

    private record Result(RecordedSession recorded, List<Changed> changed) {}
}
