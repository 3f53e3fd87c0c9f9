package io.needleguard.mqtt.bridge;

import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Household;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenIdentity;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.PenState;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.profile.StatusFrame;
import io.needleguard.session.Area;
import io.needleguard.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <root>/<pen>/state}: each pen's state, retained so a dashboard shows it at once, complete
 * from the start (the chosen area and the last session come from the history). Published when it
 * changes, at most once a second per pen while it runs (a pen may report its depth many times a
 * second); the latest state always follows.
 */
final class PenStatePublisher implements GatewayListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PenStatePublisher.class);

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final Consumer<OutboundMessage> retain;
    private final Messages messages;
    private final Supplier<Household> household;
    private final Clock clock;
    private final Map<String, Pen> pens = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = DaemonThreads.scheduler("mqtt-pen-state");

    /** One pen's state and what was last sent of it; changed only under its own lock. */
    private static final class Pen {
        PenState state;
        byte[] sentPayload;
        long sentAtMillis;
        boolean flushScheduled;

        Pen(PenState state) {
            this.state = state;
        }
    }

    /** @param retain publishes a retained message (the transport's, or a test's list) */
    PenStatePublisher(Consumer<OutboundMessage> retain, Messages messages, Household household, Clock clock) {
        this(retain, messages, () -> household, clock);
    }

    /** @param household the household in force, asked whose a pen is as its state changes */
    PenStatePublisher(Consumer<OutboundMessage> retain, Messages messages, Supplier<Household> household, Clock clock) {
        this.retain = retain;
        this.messages = messages;
        this.household = household;
        this.clock = clock;
    }

    /** A pen's state is published, complete, as soon as the gateway knows what the history holds of it. */
    @Override
    public void penKnown(String serial, Optional<Area> chosenArea, Optional<RecordedSession> lastSession) {
        update(serial, s -> {
            PenState withArea = chosenArea.map(s::withArea).orElse(s);
            return lastSession.map(withArea::withSession).orElse(withArea);
        });
    }

    @Override
    public void penState(String serial, LinkState link) {
        update(serial, s -> s.withConnected(link == LinkState.SUBSCRIBED || link == LinkState.SYNCING));
    }

    @Override
    public void penIdentified(PenIdentity identity) {
        update(identity.serial(), s -> s.withIdentity(identity.model(), identity.firmware()));
    }

    @Override
    public void penBattery(String serial, int percent) {
        update(serial, s -> s.withBattery(percent));
    }

    @Override
    public void penStatus(String serial, StatusFrame status) {
        update(serial, s -> s.withLive(status.running(), status.depth(), status.strokeHz(), status.cartridge()));
    }

    @Override
    public void areaChosen(String serial, Area area) {
        update(serial, s -> s.withArea(area));
    }

    /** A pen's session is its last; a session logged by hand is no pen's. */
    @Override
    public void recorded(RecordedSession session) {
        session.session().pen().ifPresent(serial -> update(serial, s -> s.withSession(session)));
    }

    /** A pen given to someone else while the gateway runs: its state says whose it is now. */
    @Override
    public void householdChanged(Household now) {
        pens.forEach((serial, pen) -> {
            String owner = now.ownerOfPen(serial).id();
            update(serial, s -> s.owner().equals(owner) ? s : s.withOwner(owner));
        });
    }

    @Override
    public void ownerStatus(SafetyStatus.OwnerStatus status) {
        pens.forEach((serial, pen) -> {
            if (household.get().ownerOfPen(serial).id().equals(status.owner().id())) {
                update(serial, s -> s.withOpenFindings(status.openFindings()));
            }
        });
    }

    private void update(String serial, UnaryOperator<PenState> change) {
        Pen pen = pens.computeIfAbsent(
                serial,
                s -> new Pen(PenState.unknown(s, household.get().ownerOfPen(s).id())));
        synchronized (pen) {
            pen.state = change.apply(pen.state);
            if (pen.flushScheduled) {
                return; // the scheduled flush sends the latest
            }
            long now = clock.millis();
            if (pen.sentPayload == null || now - pen.sentAtMillis >= MIN_INTERVAL.toMillis()) {
                send(pen, now);
            } else {
                schedule(pen);
            }
        }
    }

    /** The latest state goes out a second after the last; a change arriving while the bridge closes stays unsent. */
    private void schedule(Pen pen) {
        try {
            later.schedule(() -> flush(pen), MIN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            pen.flushScheduled = true;
        } catch (RejectedExecutionException closed) {
            log.debug("pen {}: state changed while the MQTT bridge closes; not published", pen.state.pen());
        }
    }

    private void flush(Pen pen) {
        synchronized (pen) {
            pen.flushScheduled = false;
            send(pen, clock.millis());
        }
    }

    /** Sends the state unless it says what was sent last (its time apart). */
    private void send(Pen pen, long now) {
        byte[] comparable = messages.penState(pen.state, Instant.EPOCH).payload();
        if (Arrays.equals(comparable, pen.sentPayload)) {
            return;
        }
        pen.sentPayload = comparable;
        pen.sentAtMillis = now;
        OutboundMessage message = messages.penState(pen.state, Instant.ofEpochMilli(now));
        retain.accept(message);
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
