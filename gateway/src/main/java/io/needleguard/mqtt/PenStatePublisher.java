package io.needleguard.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.json.SessionJson;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenIdentity;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.profile.StatusFrame;
import io.needleguard.household.Household;
import io.needleguard.session.Session;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code <root>/<pen>/state}: each pen's live state, retained so a dashboard shows it at once.
 * Published on every change, but at most once a second per pen while it runs (a pen may report its
 * depth many times a second); the latest state always follows.
 */
public final class PenStatePublisher implements GatewayListener, AutoCloseable {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final MqttPublisher publisher;
    private final Household household;
    private final Clock clock;
    private final Map<String, PenState> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-pen-state");
        t.setDaemon(true);
        return t;
    });

    /** One pen's state as published; changed only under its own lock. */
    private static final class PenState {
        final String pen;
        boolean connected;
        Integer battery;
        boolean running;
        StatusFrame status;
        PenIdentity identity;
        RecordedSession last;
        int openFindings;
        boolean sent;
        long sentAtMillis;
        boolean flushScheduled;

        PenState(String pen) {
            this.pen = pen;
        }
    }

    public PenStatePublisher(MqttPublisher publisher, Household household, Clock clock) {
        this.publisher = publisher;
        this.household = household;
        this.clock = clock;
    }

    private PenState state(String pen) {
        return states.computeIfAbsent(pen, PenState::new);
    }

    @Override
    public void penState(String serial, LinkState link) {
        update(serial, s -> s.connected = link == LinkState.SUBSCRIBED || link == LinkState.SYNCING);
    }

    @Override
    public void penIdentified(PenIdentity identity) {
        update(identity.serial(), s -> s.identity = identity);
    }

    @Override
    public void penBattery(String serial, int percent) {
        update(serial, s -> s.battery = percent);
    }

    @Override
    public void penStatus(String serial, StatusFrame status) {
        update(serial, s -> {
            s.status = status;
            s.running = status.running();
        });
    }

    @Override
    public void recorded(RecordedSession session) {
        update(session.session().pen(), s -> {
            if (s.last == null || s.last.session().start().isBefore(session.session().start())) {
                s.last = session;
            }
        });
    }

    @Override
    public void ownerStatus(SafetyStatus.OwnerStatus status) {
        states.values().stream()
                .filter(s -> household.ownerOfPen(s.pen).id().equals(status.owner().id()))
                .forEach(s -> update(s.pen, x -> x.openFindings = status.openFindings()));
    }

    private void update(String pen, java.util.function.Consumer<PenState> change) {
        PenState s = state(pen);
        synchronized (s) {
            change.accept(s);
            long now = clock.millis();
            if (!s.sent || now - s.sentAtMillis >= MIN_INTERVAL.toMillis()) {
                send(s, now);
            } else if (!s.flushScheduled) {
                s.flushScheduled = true;
                later.schedule(() -> flush(s), MIN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void flush(PenState s) {
        synchronized (s) {
            s.flushScheduled = false;
            send(s, clock.millis());
        }
    }

    private void send(PenState s, long now) {
        s.sent = true;
        s.sentAtMillis = now;
        publisher.retain(new OutboundMessage(publisher.topics().state(s.pen), payload(s), 1, true));
    }

    private byte[] payload(PenState s) {
        ZoneId zone = household.ownerOfPen(s.pen).zone();
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", Payloads.SCHEMA_VERSION);
        json.put("pen", s.pen);
        json.put("owner", household.ownerOfPen(s.pen).id());
        json.put("connected", s.connected);
        if (s.battery == null) {
            json.putNull("battery");
        } else {
            json.put("battery", s.battery);
        }
        json.put("running", s.running);
        StatusFrame st = s.status;
        json.put("depthMm", st == null ? null : st.depth().mm());
        json.put("strokeHz", st == null ? null : st.strokeHz());
        json.put("area", st == null ? null : st.area().id());
        json.put("cartridge", st == null || st.cartridge().isEmpty() ? null : st.cartridge());
        json.put("model", s.identity == null ? null : s.identity.model());
        json.put("firmware", s.identity == null ? null : s.identity.firmware());
        if (s.last == null) {
            json.putNull("lastSession");
        } else {
            Session last = s.last.session();
            ObjectNode l = json.putObject("lastSession");
            l.put("sessionId", last.id().toString());
            l.put("start", SessionJson.time(last.start(), zone));
            l.put("end", SessionJson.time(last.end(), zone));
            l.put("area", last.area().id());
            l.put("depthMm", last.depth().mm());
            l.put("durationS", last.duration().toSeconds());
            l.put("findings", s.last.findings().size());
        }
        json.put("openFindings", s.openFindings);
        json.put("updatedAt", SessionJson.time(clock.instant(), zone));
        return SessionJson.write(json).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
