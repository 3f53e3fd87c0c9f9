package io.needleguard.gateway;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.history.AreaChoices;
import io.needleguard.history.ChangeLog;
import io.needleguard.history.ConditionHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SafetyStatus;
import io.needleguard.history.SessionHistory;
import io.needleguard.history.SessionRecorder;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenAllowlist;
import io.needleguard.link.PenFleet;
import io.needleguard.link.PenIdentity;
import io.needleguard.link.PenListener;
import io.needleguard.link.WorkTracker;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway: pens reached through a BLE backend, their sessions recorded and judged into a history,
 * and everything heard by listeners (the MQTT publisher, the console). The caller owns and closes the
 * backend and the store it passes in.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    /** How often a running gateway looks for area choices made from the command line. */
    static final Duration AREA_POLL = Duration.ofSeconds(3);
    /** How often owners' next safe times are told again: "safe now" changes as time passes. */
    static final Duration STATUS_REFRESH = Duration.ofMinutes(15);

    private final Clock clock;
    private final SessionHistory history;
    private final AreaChoices areaChoices;
    private final Household household;
    private final Listeners listeners;
    private final PenAllowlist allowlist;
    private final SessionRecorder recorder;
    private final SafetyStatus status;
    private final LiveCheck live;
    private final PenFleet fleet;
    private final WorkTracker tracker = new WorkTracker();
    private final Map<String, Area> knownChoices = new HashMap<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-housekeeping");
        t.setDaemon(true);
        return t;
    });

    private Gateway(Builder b) {
        this.clock = b.clock;
        this.history = b.history;
        this.areaChoices = b.areaChoices;
        this.household = b.household;
        this.listeners = new Listeners(b.listeners);
        this.recorder = new SessionRecorder(b.history, b.conditions, b.check, b.household, b.clock, new AfterRecording(), b.changeLog);
        this.status = new SafetyStatus(b.history, b.conditions, b.check);
        this.live = new LiveCheck(recorder, b.household, b.clock);
        this.allowlist = b.allowlist;
        this.fleet = new PenFleet(b.backend, b.allowlist, new PenEvents(), b.clock,
                serial -> b.history.lastCounter(serial).orElse(0), b.areaChoices::chosenArea, tracker, b.backoff);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts scanning for pens; returns at once. */
    public void start() throws BleException {
        history.saveOwners(household.owners());
        synchronized (knownChoices) {
            knownChoices.putAll(areaChoices.chosenAreas());
        }
        fleet.start();
        housekeeping.scheduleWithFixedDelay(this::pickUpAreaChoices, AREA_POLL.toMillis(), AREA_POLL.toMillis(), TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::tellOwnerStatuses, 0, STATUS_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every notification received so far has been handled and every session in it
     * recorded. A simulation calls this before it moves its clock on.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return tracker.awaitIdle(timeout);
    }

    /** Chooses the area of a pen's next sessions: stored, and written to the pen if it is connected. */
    public void chooseArea(String serial, Area area) {
        areaChoices.chooseArea(serial, area, clock.instant());
        synchronized (knownChoices) {
            knownChoices.put(serial, area);
        }
        fleet.writeArea(serial, area);
    }

    /** Area choices made by another process (the command line) reach connected pens within seconds. */
    private void pickUpAreaChoices() {
        try {
            Map<String, Area> now = areaChoices.chosenAreas();
            synchronized (knownChoices) {
                now.forEach((pen, area) -> {
                    if (knownChoices.put(pen, area) != area) {
                        fleet.writeArea(pen, area);
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("could not read the chosen areas: {}", e.getMessage());
        }
    }

    private void tellOwnerStatuses() {
        try {
            for (Owner owner : household.owners()) {
                listeners.ownerStatus(status.statusOf(owner, clock.instant()));
            }
        } catch (RuntimeException e) {
            log.warn("could not work out the next safe times: {}", e.getMessage());
        }
    }

    public Map<String, LinkState> pens() {
        return fleet.states();
    }

    public SessionRecorder recorder() {
        return recorder;
    }

    public Household household() {
        return household;
    }

    /** The owner's next safe time for every area, now. */
    public List<SafetyStatus.AreaStatus> status(Owner owner) {
        return status.forOwner(owner, clock.instant());
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        fleet.close();
    }

    /** After each change to the history: tell the listeners, then the owner's new next safe times. */
    private final class AfterRecording implements RecorderListener {
        @Override
        public void recorded(RecordedSession session) {
            listeners.recorded(session);
            nextSafe(session.session().owner());
        }

        @Override
        public void duplicate(SessionId id) {
            listeners.duplicate(id);
        }

        @Override
        public void findingsChanged(RecordedSession session, List<Finding> previous) {
            listeners.findingsChanged(session, previous);
            nextSafe(session.session().owner());
        }

        private void nextSafe(String ownerId) {
            listeners.ownerStatus(status.statusOf(household.ownerOrDefault(ownerId), clock.instant()));
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
            LiveCheck.LiveResult result = live.onStatus(serial, frame);
            if (!result.findings().isEmpty()) {
                listeners.liveFindings(result.running(), result.findings());
            }
        }

        @Override
        public void sessionRecord(String serial, SessionRecordFrame record) {
            recorder.record(new Session(
                    new SessionId(serial, record.counter()),
                    household.ownerOfPen(serial).id(),
                    record.area(),
                    record.depth(),
                    record.strokeHz(),
                    record.start(),
                    record.end(),
                    record.cartridge()));
        }

        @Override
        public void badFrame(String serial, FrameException problem) {
            listeners.badFrame(serial, problem.getMessage());
        }
    }

    public static final class Builder {
        private Clock clock;
        private BleBackend backend;
        private SessionHistory history;
        private ConditionHistory conditions;
        private AreaChoices areaChoices;
        private Household household;
        private SafetyCheck check = SafetyCheck.standard();
        private PenAllowlist allowlist;
        private Backoff backoff = Backoff.standard();
        private ChangeLog changeLog = ChangeLog.NONE;
        private final List<GatewayListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder backend(BleBackend backend) {
            this.backend = backend;
            return this;
        }

        /** Where sessions, conditions and area choices are kept (the SQLite store, or a fake in tests). */
        public <S extends SessionHistory & ConditionHistory & AreaChoices> Builder store(S store) {
            this.history = store;
            this.conditions = store;
            this.areaChoices = store;
            return this;
        }

        public Builder household(Household household) {
            this.household = household;
            return this;
        }

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
            Objects.requireNonNull(history, "store");
            Objects.requireNonNull(household, "household");
            Objects.requireNonNull(allowlist, "allowlist");
            return new Gateway(this);
        }
    }
}
