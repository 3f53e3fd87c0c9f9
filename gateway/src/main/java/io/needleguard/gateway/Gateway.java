package io.needleguard.gateway;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.history.SessionHistory;
import io.needleguard.history.SessionRecorder;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenFleet;
import io.needleguard.link.PenIdentity;
import io.needleguard.link.PenListener;
import io.needleguard.link.WorkTracker;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Household;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One gateway: pens reached through a BLE backend, their sessions recorded and judged into a history,
 * and everything heard by listeners (the MQTT publisher, the console). The caller owns and closes the
 * backend and the history it passes in.
 */
public final class Gateway implements AutoCloseable {

    private final SessionRecorder recorder;
    private final PenFleet fleet;
    private final WorkTracker tracker = new WorkTracker();
    private final Listeners listeners;
    private final Household household;
    private final SessionHistory history;

    private Gateway(Builder b) {
        this.household = b.household;
        this.history = b.history;
        this.listeners = new Listeners(b.listeners);
        this.recorder = new SessionRecorder(b.history, b.check, b.household, b.clock, listeners);
        this.fleet = new PenFleet(b.backend, b.allowedPens, new PenEvents(), b.clock,
                serial -> b.history.lastCounter(serial).orElse(0), tracker, b.backoff);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts scanning for pens; returns at once. */
    public void start() throws BleException {
        history.saveOwners(household.owners());
        fleet.start();
    }

    /**
     * Waits until every notification received so far has been handled and every session in it
     * recorded. A simulation calls this before it moves its clock on.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return tracker.awaitIdle(timeout);
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

    @Override
    public void close() {
        fleet.close();
    }

    /** Turns what pens report into sessions for the recorder and news for the listeners. */
    private final class PenEvents implements PenListener {

        @Override
        public void identified(PenIdentity identity) {
            listeners.penIdentified(identity);
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
        public void status(String serial, StatusFrame status) {
            listeners.penStatus(serial, status);
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
        private Household household;
        private SafetyCheck check = SafetyCheck.standard();
        private Predicate<String> allowedPens;
        private Backoff backoff = Backoff.standard();
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

        public Builder history(SessionHistory history) {
            this.history = history;
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

        /** The pens to connect to, by serial; pens not allowed are reported once and ignored. */
        public Builder allowedPens(Predicate<String> allowedPens) {
            this.allowedPens = allowedPens;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
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
            Objects.requireNonNull(allowedPens, "allowedPens");
            return new Gateway(this);
        }
    }
}
