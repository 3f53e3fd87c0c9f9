package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Household;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns sessions into history, one change at a time: stores each session once, judges it against the
 * rules in timeline order, and re-judges the sessions after it when it arrived late. Same sessions,
 * same findings, whatever order they arrive in. Every change to what sessions are judged against goes
 * through here, so that each sees the ones before it: pens' sessions (recorded here), sessions logged
 * by hand ({@link HandLog}, through {@link HandEntryChanges}), conditions ({@link ConditionChanges}) and
 * a person erased ({@link OwnerEraser}). Each is committed with what its change log writes, then told to
 * the listener ({@link AfterCommit}).
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
    private final Supplier<Household> household;
    private final Clock clock;
    private final ChangeLog changeLog;
    private final SessionJudge judge;
    private final Rejudging rejudging;
    private final AfterCommit told;
    private final HandEntryChanges handEntries;
    private final ConditionChanges conditionChanges;
    private final OwnerEraser eraser;

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
        this(history, check, fixed(household), clock, listener, changeLog);
    }

    /**
     * A recorder for a running gateway: each session is judged for its owner as the household says when
     * it is recorded (a person added, a zone changed while it runs), not as it said at start.
     *
     * @param household the household in force, asked at each change (see
     *                  {@link io.needleguard.household.HouseholdInForce})
     */
    public SessionRecorder(
            History history,
            SafetyCheck check,
            Supplier<Household> household,
            Clock clock,
            RecorderListener listener,
            ChangeLog changeLog) {
        this.transactions = history.transactions();
        this.history = history.sessions();
        this.conditions = history.conditions();
        this.check = Objects.requireNonNull(check, "check");
        this.household = Objects.requireNonNull(household, "household");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changeLog = Objects.requireNonNull(changeLog, "changeLog");
        this.told = new AfterCommit(listener);
        this.judge = new SessionJudge(this.history, conditions, check, household);
        this.rejudging = new Rejudging(this.history, judge, household, changeLog);
        this.handEntries = new HandEntryChanges(transactions, this.history, judge, rejudging, changeLog, clock, told);
        this.conditionChanges = new ConditionChanges(transactions, this.history, conditions, rejudging, told);
        this.eraser = new OwnerEraser(transactions, this.history, rejudging, told);
    }

    /**
     * Records a session reported by a pen. Synchronized: sessions from several pens are judged one
     * at a time, so each sees the others that came before it. Returns once the session is committed
     * and the listener has been told.
     */
    public synchronized Outcome record(Session session) {
        Optional<Recorded> result = transactions.atomically(() -> store(session));
        if (result.isEmpty()) {
            log.debug("session {} is already in the history; not stored again", session.id());
            told.duplicate(session.id());
            return Outcome.DUPLICATE;
        }
        told.recorded(result.get().session(), result.get().rejudged());
        return Outcome.RECORDED;
    }

    private Optional<Recorded> store(Session session) {
        if (history.find(session.id()).isPresent()) {
            return Optional.empty();
        }
        List<Finding> findings = judge.judge(session);
        Instant now = clock.instant();
        history.add(session, findings, now);
        RecordedSession recorded = new RecordedSession(session, findings, now);
        changeLog.recorded(recorded);
        return Optional.of(new Recorded(recorded, rejudging.after(session)));
    }

    private static Supplier<Household> fixed(Household household) {
        Objects.requireNonNull(household, "household");
        return () -> household;
    }

    private record Recorded(RecordedSession session, List<Rejudged> rejudged) {}

    /** Judges a session against the history as it stands, without storing anything. */
    public synchronized List<Finding> evaluate(Session session) {
        return judge.judge(session);
    }

    /**
     * The hand log of this recorder: sessions logged by hand, judged with the same rules, people and
     * clock, one at a time with the pens' sessions.
     */
    public HandLog handLog() {
        return new HandLog(this, history, household, new SafetyStatus(history, conditions, check), clock);
    }

    /** Records a session logged by hand (see {@link HandEntryChanges#record}). */
    synchronized Change recordHandEntry(Function<SessionId, Session> entry) {
        return handEntries.record(entry);
    }

    /** Corrects a session logged by hand; empty if there is none with that id (see {@link HandEntryChanges#edit}). */
    synchronized Optional<Change> editHandEntry(Session corrected) {
        return handEntries.edit(corrected);
    }

    /** Deletes a session logged by hand; empty if there is none with that id (see {@link HandEntryChanges#delete}). */
    synchronized Optional<Change> deleteHandEntry(SessionId id) {
        return handEntries.delete(id);
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

    /**
     * Adds an owner's condition and judges their sessions in its time again: the condition, the
     * findings that changed and what reports them (the outbox) are stored together or not at all.
     */
    public synchronized ConditionChange addCondition(ConditionPeriod condition) {
        return conditionChanges.add(condition);
    }

    /**
     * Ends a condition at {@code until} (exclusive) and judges the sessions in its time again, in one
     * unit of work; empty if there is no condition with that id.
     */
    public synchronized Optional<ConditionChange> endCondition(long id, Instant until) {
        return conditionChanges.end(id, until);
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
     * other people's sessions judged again without them (see {@link OwnerEraser}).
     *
     * @return what was deleted, and the other sessions whose findings changed, with their new findings
     */
    public synchronized Erasure eraseOwner(String owner, Set<String> pens, PersonErasure erasure, Runnable withdraw) {
        return eraser.erase(owner, pens, erasure, withdraw);
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
}
