package io.needleguard.gateway;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.history.ChangeLog;
import io.needleguard.history.HandLog;
import io.needleguard.history.History;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SafetyStatus;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.household.HouseholdInForce;
import io.needleguard.household.Owner;
import io.needleguard.household.SessionOwners;
import io.needleguard.link.ClockTrust;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenAllowlist;
import io.needleguard.link.PenFleet;
import io.needleguard.link.PenIdentity;
import io.needleguard.link.PenListener;
import io.needleguard.link.WorkTracker;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenProfile;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway: pens reached through a BLE backend, their sessions recorded and judged into a history,
 * and everything heard by listeners (the MQTT bridge, the console). The caller owns and closes the
 * backend and the store it passes in.
 *
 * <p>The history is the single source of truth, also for what other processes change in it (a
 * condition added, a pen forgotten, an area chosen from the command line): the gateway watches the
 * history's {@link io.needleguard.history.ChangeSignal} and, when another process has committed,
 * reads the pens, the area choices and the owners' statuses again and acts on what changed
 * ({@link #refresh()}). Its own changes take the same path.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** How long {@link #close} waits for the pens' last notifications: a session being stored, a link dropping. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** How often the gateway looks whether another process committed to the history: cheap, no table is read. */
    static final Duration CHANGE_POLL = Duration.ofMillis(200);
    /** How often owners' next safe times are told again: "safe now" changes as time passes. */
    static final Duration STATUS_REFRESH = Duration.ofMinutes(15);
    /** How recently a pen not paired must have been seen to be offered for pairing (pens advertise every second or so). */
    public static final Duration NEARBY = Duration.ofSeconds(30);

    private final Clock clock;
    private final History history;
    private final HouseholdInForce household;
    private final SessionOwners sessionOwners;
    private final SafetyCheck check;
    private final Supplier<Set<String>> recordedPens;
    private final Listeners listeners;
    private final PenAllowlist allowlist;
    private final SessionRecorder recorder;
    private final HandLog handLog;
    private final SafetyStatus status;
    private final LiveCheck live;
    private final PenFleet fleet;
    private final PenGenerations generations;
    private final WorkTracker tracker = new WorkTracker();
    private final ListenerThread listenerThread = new ListenerThread(tracker, CLOSE_WAIT);
    private final ScheduledExecutorService housekeeping = DaemonThreads.scheduler("gateway-housekeeping");

    // Guarded by this: what the gateway last acted on.
    private Set<String> knownPens = Set.of();
    private final Map<String, Area> knownChoices = new HashMap<>();
    private long seenVersion;
    private Household toldHousehold;

    private Gateway(Builder b) {
        this.clock = b.clock;
        this.history = b.history;
        this.household = b.household;
        this.sessionOwners = b.sessionOwners != null ? b.sessionOwners : new PenOwnersNow(b.household);
        this.check = b.check;
        this.recordedPens = b.pens;
        this.listeners = new Listeners(b.listeners, listenerThread);
        this.recorder =
                new SessionRecorder(b.history, b.check, b.household, b.clock, new AfterRecording(), b.changeLog);
        this.handLog = recorder.handLog();
        this.status = new SafetyStatus(b.history.sessions(), b.history.conditions(), b.check);
        this.live = new LiveCheck(recorder, sessionOwners, b.clock);
        this.allowlist = b.allowlist;
        this.generations = new PenGenerations(b.history.sessions());
        this.fleet = new PenFleet(
                b.backend,
                PenProfile.SERVICE,
                b.allowlist,
                new PenEvents(),
                b.clock,
                b.history.areas()::chosenArea,
                tracker,
                b.backoff,
                b.clockTrust,
                listeners.trouble());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells the listeners what the history holds (the pens, their chosen areas and last sessions, the
     * owners' statuses), starts scanning for pens and watching the history; returns at once.
     */
    public void start() throws BleException {
        synchronized (this) {
            toldHousehold = household.get();
            history.sessions().saveOwners(toldHousehold.owners());
            seenVersion = history.changes().version();
            knownPens = Set.copyOf(recordedPens.get());
            knownChoices.putAll(history.areas().chosenAreas());
            listeners.pensChanged(knownPens);
            new TreeSet<>(knownPens).forEach(this::tellWhatIsKnown);
        }
        fleet.start();
        housekeeping.scheduleWithFixedDelay(
                this::watch, CHANGE_POLL.toMillis(), CHANGE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(
                this::tellOwnerStatuses, 0, STATUS_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every notification received so far has been handled and every session in it
     * recorded. A simulation calls this before it moves its clock on.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return tracker.awaitIdle(timeout);
    }

    /** Chooses the area of a pen's next sessions: stored, then acted on like a choice from the command line. */
    public void chooseArea(String serial, Area area) {
        history.areas().chooseArea(serial, area, clock.instant());
        refresh();
    }

    /** Refreshes when another process has committed to the history since the last look. */
    private void watch() {
        try {
            long version = history.changes().version();
            boolean historyMoved;
            synchronized (this) {
                historyMoved = version != seenVersion;
                seenVersion = version;
            }
            if (historyMoved) {
                log.debug("the history was changed by another process; reading it again");
                household.reread();
            }
            boolean householdMoved = tellHouseholdIfChanged();
            if (historyMoved) {
                refresh();
                listeners.historyChanged();
            } else if (householdMoved) {
                tellOwnerStatuses();
            }
        } catch (RuntimeException e) {
            log.warn("could not look for changes to the history: {}", e.getMessage());
        }
    }

    /**
     * Reads again what another process may have changed and acts on the difference: a pen no longer
     * paired is disconnected and no longer recorded; a new area choice is written to the pen; the
     * owners' statuses are told again (conditions or findings may have changed).
     */
    public synchronized void refresh() {
        Set<String> pens = Set.copyOf(recordedPens.get());
        if (!pens.equals(knownPens)) {
            for (String gone : knownPens) {
                if (!pens.contains(gone)) {
                    log.info("pen {} is no longer paired: disconnected, and no longer recorded", gone);
                    fleet.forget(gone);
                }
            }
            log.info("the pens recorded are now {}", pens.isEmpty() ? "none" : String.join(", ", new TreeSet<>(pens)));
            Set<String> joined = new TreeSet<>(pens);
            joined.removeAll(knownPens);
            knownPens = pens;
            listeners.pensChanged(pens);
            joined.forEach(this::tellWhatIsKnown);
        }
        history.areas().chosenAreas().forEach((pen, area) -> {
            if (knownChoices.put(pen, area) != area) {
                fleet.writeArea(pen, area);
                listeners.areaChosen(pen, area);
            }
        });
        tellOwnerStatuses();
    }

    /**
     * Tells the listeners the household in force when it is not the one they were last told (a person
     * added from the command line or the page, a pen given to someone else...), and keeps its people's
     * time zones with the history, as at start. True if it changed.
     */
    private synchronized boolean tellHouseholdIfChanged() {
        Household now = household.get();
        if (now.equals(toldHousehold)) {
            return false;
        }
        log.info(
                "the household changed: {}; sessions are recorded for it from now on",
                now.owners().stream().map(Owner::id).collect(java.util.stream.Collectors.joining(", ")));
        history.sessions().saveOwners(now.owners());
        toldHousehold = now;
        listeners.householdChanged(now);
        return true;
    }

    /** The history's facts about a pen, in one event, so that its published state is complete at once. */
    private void tellWhatIsKnown(String pen) {
        Optional<RecordedSession> last = history.sessions().lastSession(pen).flatMap(history.sessions()::find);
        listeners.penKnown(pen, Optional.ofNullable(knownChoices.get(pen)), last);
    }

    private void tellOwnerStatuses() {
        if (listeners.none()) {
            return;
        }
        try {
            for (Owner owner : household.get().owners()) {
                listeners.ownerStatus(status.statusOf(owner, clock.instant()));
            }
        } catch (RuntimeException e) {
            log.warn("could not work out the next safe times: {}", e.getMessage());
        }
    }

    /**
     * The pens the gateway's scan saw advertising in the last {@link #NEARBY} and does not record: what
     * can be paired (a pen connected to this gateway does not advertise, and is recorded anyway).
     */
    public List<Advertisement> unpairedPensNearby() {
        return fleet.unpairedSince(clock.instant().minus(NEARBY));
    }

    /** Each known pen's connection state, by serial. */
    public Map<String, LinkState> pens() {
        return fleet.states();
    }

    /** The pens this gateway records (configured and paired), as last read from the history. */
    public synchronized Set<String> recordedPens() {
        return knownPens;
    }

    public SessionRecorder recorder() {
        return recorder;
    }

    /**
     * Sessions logged by hand (MQTT's log command, the dashboard), recorded and judged with the pens'
     * sessions, and told to the listeners like them.
     */
    public HandLog handLog() {
        return handLog;
    }

    /** The household in force now (it changes while the gateway runs: see {@link HouseholdInForce}). */
    public Household household() {
        return household.get();
    }

    /** The gateway's clock: what "now" is for everything it reports (a virtual clock in a simulation). */
    public Clock clock() {
        return clock;
    }

    /** The history the gateway records into, for adapters that show it (the dashboard). */
    public History history() {
        return history;
    }

    /** The rules and thresholds in force. */
    public SafetyCheck safetyCheck() {
        return check;
    }

    /** The owner's next safe time for every area, now. */
    public List<SafetyStatus.AreaStatus> status(Owner owner) {
        return status.forOwner(owner, clock.instant());
    }

    /**
     * Stops the pens' links and waits (at most {@link #CLOSE_WAIT}) until what they had already
     * received is handled and the listeners have heard it: once this returns, no listener hears from a
     * pen, so the MQTT bridge and the dashboard can close after it without a late notification meeting a
     * closed publisher.
     */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        fleet.close();
        try {
            if (!tracker.awaitIdle(CLOSE_WAIT)) {
                log.warn("stopped before every pen notification was handled; the pens keep what was not stored");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listenerThread.close();
    }

    /**
     * After each change to the history: tell the listeners, then the owner's new next safe times. On the
     * listeners' thread: the recorder (and the pen waiting to be told it may delete the session) goes on
     * at once.
     */
    private final class AfterRecording implements RecorderListener {
        @Override
        public void recorded(RecordedSession session) {
            listeners.later(() -> {
                listeners.recorded(session);
                nextSafe(session.session().owner());
            });
        }

        @Override
        public void duplicate(SessionId id) {
            listeners.duplicate(id);
        }

        @Override
        public void findingsChanged(RecordedSession session, List<Finding> previous) {
            listeners.later(() -> {
                listeners.findingsChanged(session, previous);
                nextSafe(session.session().owner());
            });
        }

        @Override
        public void edited(RecordedSession now, RecordedSession before) {
            listeners.later(() -> {
                listeners.edited(now, before);
                nextSafe(now.session().owner());
                if (!before.session().owner().equals(now.session().owner())) {
                    nextSafe(before.session().owner());
                }
            });
        }

        @Override
        public void deleted(RecordedSession was) {
            listeners.later(() -> {
                listeners.deleted(was);
                nextSafe(was.session().owner());
            });
        }

        private void nextSafe(String ownerId) {
            // Every area's next safe time costs more than recording the session: only for someone to tell.
            if (listeners.none()) {
                return;
            }
            listeners.ownerStatus(status.statusOf(household.get().ownerOrDefault(ownerId), clock.instant()));
        }
    }

    /** Turns what pens report into sessions for the recorder and news for the listeners. */
    private final class PenEvents implements PenListener {

        @Override
        public void identified(PenIdentity identity) {
            allowlist.confirmed(identity.serial(), identity.address());
            listeners.penIdentified(identity);
        }

        @Override
        public void refused(String serial, String address) {
            listeners.penRefused(serial, address);
        }

        @Override
        public void stateChanged(String serial, LinkState state) {
            listeners.penState(serial, state);
        }

        @Override
        public void battery(String serial, int percent) {
            listeners.penBattery(serial, percent);
        }

        @Override
        public void status(String serial, StatusFrame frame) {
            listeners.penStatus(serial, frame);
            if (listeners.none()) {
                return; // live findings are only for someone to hear
            }
            LiveCheck.LiveResult result = live.onStatus(serial, frame);
            if (!result.findings().isEmpty()) {
                listeners.liveFindings(result.running(), result.findings());
            }
        }

        @Override
        public void waiting(String serial, long sessions) {
            listeners.penWaiting(serial, sessions);
        }

        /** A pen forgotten a moment ago may still have records in flight: they are not recorded, and stay on the pen. */
        @Override
        public boolean sessionRecord(String serial, String address, SessionRecordFrame record) {
            if (allowlist.check(serial, address) != PenAllowlist.Verdict.ALLOWED) {
                log.info(
                        "pen {} is no longer paired; its session {} is not recorded and stays on the pen",
                        serial,
                        record.counter());
                return false;
            }
            PenGenerations.Identified identified = generations.identify(serial, record);
            SessionId id = identified.id();
            SessionRecorder.Outcome outcome = recorder.record(new Session(
                    id,
                    sessionOwners.ownerOfSession(serial, record.start()).id(),
                    record.area(),
                    record.depth(),
                    record.strokeHz(),
                    record.start(),
                    record.end(),
                    record.cartridge()));
            if (outcome == SessionRecorder.Outcome.RECORDED) {
                sessionOwners.recorded(serial, record.start());
            }
            if (identified.newGeneration() && outcome == SessionRecorder.Outcome.RECORDED) {
                // Once: every session of the pen after this one is in the new generation.
                log.warn(
                        "pen {} counts its sessions from the start again (firmware, a reset, or another pen with its"
                                + " serial): its session {} is not the {} in the history, so it is kept as {}, and its"
                                + " next sessions as {}:{}.N; the sessions of before keep their ids",
                        serial,
                        record.counter(),
                        new SessionId(serial, id.generation() - 1, record.counter()),
                        id,
                        serial,
                        id.generation());
            }
            return true;
        }

        @Override
        public void badFrame(String serial, FrameException problem) {
            listeners.badFrame(serial, problem.getMessage());
        }
    }

    public static final class Builder {
        private Clock clock;
        private BleBackend backend;
        private History history;
        private HouseholdInForce household;
        private SessionOwners sessionOwners;
        private SafetyCheck check = SafetyCheck.standard();
        private PenAllowlist allowlist;
        private Supplier<Set<String>> pens = Set::of;
        private Backoff backoff = Backoff.standard();
        private ClockTrust clockTrust = ClockTrust.ALWAYS;
        private ChangeLog changeLog = ChangeLog.NONE;
        private final List<GatewayListener> listeners = new ArrayList<>();

        private Builder() {}

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder backend(BleBackend backend) {
            this.backend = backend;
            return this;
        }

        /** Where sessions, conditions and area choices are kept (the SQLite store, or fakes in tests). */
        public Builder history(History history) {
            this.history = history;
            return this;
        }

        /**
         * Whose each pen's session is, asked as it is recorded (pen owners and lendings changed while the
         * gateway runs); without it, the pen's owner in {@link #household}.
         */
        public Builder sessionOwners(SessionOwners sessionOwners) {
            this.sessionOwners = sessionOwners;
            return this;
        }

        /** A household that does not change while the gateway runs (a simulation's, a test's). */
        public Builder household(Household household) {
            return household(HouseholdInForce.fixed(household));
        }

        /**
         * The household in force, followed as it changes: read again when another process commits to the
         * history, and told to the listeners ({@link GatewayListener#householdChanged}) when it changed.
         */
        public Builder household(HouseholdInForce household) {
            this.household = household;
            return this;
        }

        /** The rules and the thresholds in force (the configuration's); the defaults if not given. */
        public Builder safetyCheck(SafetyCheck check) {
            this.check = check;
            return this;
        }

        /** Which devices to connect to (see {@link io.needleguard.pairing.Allowlist}); others are logged once and ignored. */
        public Builder allowlist(PenAllowlist allowlist) {
            this.allowlist = allowlist;
            return this;
        }

        /** Pens by serial, from any address: for simulations where every device is who it says. */
        public Builder allowedPens(Predicate<String> allowedPens) {
            return allowlist(PenAllowlist.serials(allowedPens));
        }

        /**
         * The pens this gateway records (configured and paired), read again whenever the history
         * changes: announced to Home Assistant, and disconnected at once when one leaves.
         */
        public Builder pens(Supplier<Set<String>> pens) {
            this.pens = Objects.requireNonNull(pens, "pens");
            return this;
        }

        /** Whether the machine's clock may set the pens' clocks (default: always). */
        public Builder clockTrust(ClockTrust clockTrust) {
            this.clockTrust = clockTrust;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** Hears each change inside the transaction that stores it: the MQTT outbox. */
        public Builder changeLog(ChangeLog changeLog) {
            this.changeLog = Objects.requireNonNull(changeLog, "changeLog");
            return this;
        }

        public Builder listener(GatewayListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Gateway build() {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(history, "history");
            Objects.requireNonNull(household, "household");
            Objects.requireNonNull(allowlist, "allowlist");
            return new Gateway(this);
        }
    }
}
