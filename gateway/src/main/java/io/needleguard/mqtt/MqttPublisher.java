package io.needleguard.mqtt;

import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.ChangeLog;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the gateway records over MQTT (Eclipse Paho, QoS 1); see src/docs/mqtt.md.
 *
 * <p>Sessions and findings go through an {@link Outbox} written in the same transaction as the
 * history ({@link #changeLog()}), and one publisher thread drains it while connected, deleting a
 * message only once the broker has acknowledged it: at least once, never lost. Retained state
 * (availability, pen state, next safe times, Home Assistant discovery) keeps only its latest value and
 * is published again on every connection. The broker being down, at start or later, or refusing the
 * login never blocks recording: the publisher retries with backoff, forever, and says what is wrong
 * once per change, not once per retry.
 */
public final class MqttPublisher implements GatewayListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
    /** At most this many messages are unacknowledged at once: the bound on duplicates after a crash. */
    public static final int MAX_IN_FLIGHT = 20;
    private static final int QOS = 1;
    private static final Duration GATEWAY_STATE_EVERY = Duration.ofSeconds(5);

    private final MqttSettings settings;
    private final Topics topics;
    private final Function<String, ZoneId> zoneOfOwner;
    private final Clock clock;
    private final Outbox outbox;
    private final Backoff backoff;
    private final MqttAsyncClient client;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-publisher");
        t.setDaemon(true);
        return t;
    });

    // Confined to the worker thread.
    private volatile boolean connected;
    private int failures;
    private String lastProblem;
    private final Set<Long> inFlight = new HashSet<>();
    private int reportedOutbox = -1;
    private long reportedAt;

    /** The latest value of each retained topic, published again on every connection. */
    private final Map<String, OutboundMessage> retained = new LinkedHashMap<>();
    private volatile AreaCommands areaCommands;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private volatile boolean closed;

    private MqttPublisher(MqttSettings settings, Function<String, ZoneId> zoneOfOwner, Clock clock, Outbox outbox,
                          Backoff backoff) throws MqttException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.topics = new Topics(settings.root());
        this.zoneOfOwner = Objects.requireNonNull(zoneOfOwner, "zoneOfOwner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        client.setCallback(new Callback());
    }

    /**
     * Creates the publisher and starts connecting in the background; returns at once.
     *
     * @param outbox where messages wait: the history's own (durable) or one in memory
     */
    public static MqttPublisher start(MqttSettings settings, Function<String, ZoneId> zoneOfOwner, Clock clock, Outbox outbox,
                                      Backoff backoff) {
        try {
            MqttPublisher publisher = new MqttPublisher(settings, zoneOfOwner, clock, outbox, backoff);
            publisher.retain(new OutboundMessage(publisher.topics.status(), bytes("online"), QOS, true));
            publisher.worker.execute(publisher::connect);
            return publisher;
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use MQTT broker " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    public static MqttPublisher start(MqttSettings settings, Function<String, ZoneId> zoneOfOwner, Clock clock, Outbox outbox) {
        return start(settings, zoneOfOwner, clock, outbox, Backoff.standard());
    }

    public Topics topics() {
        return topics;
    }

    public MqttSettings settings() {
        return settings;
    }

    // ---- sessions and findings: through the outbox -------------------------------------------------

    /**
     * Writes the messages reporting each change into the outbox, inside the transaction that makes
     * the change: with a durable outbox, a session is stored with its messages or not at all.
     */
    public ChangeLog changeLog() {
        return new ChangeLog() {
            @Override
            public void recorded(RecordedSession recorded) {
                Session s = recorded.session();
                ZoneId zone = zoneOfOwner.apply(s.owner());
                enqueue(new OutboundMessage(topics.session(s.pen()), Payloads.session(recorded, zone, false), QOS, false));
                for (Finding f : recorded.findings()) {
                    enqueue(new OutboundMessage(topics.alert(s.pen()), Payloads.alert(s, f, zone, false, false), QOS, false));
                }
            }

            @Override
            public void findingsChanged(RecordedSession recorded, List<Finding> previous) {
                Session s = recorded.session();
                ZoneId zone = zoneOfOwner.apply(s.owner());
                enqueue(new OutboundMessage(topics.session(s.pen()), Payloads.session(recorded, zone, true), QOS, false));
                for (Finding f : recorded.findings()) {
                    if (!previous.contains(f)) {
                        enqueue(new OutboundMessage(topics.alert(s.pen()), Payloads.alert(s, f, zone, true, false), QOS, false));
                    }
                }
                for (Finding f : previous) {
                    if (!recorded.findings().contains(f)) {
                        enqueue(new OutboundMessage(topics.alert(s.pen()), Payloads.alert(s, f, zone, true, true), QOS, false));
                    }
                }
            }
        };
    }

    /** After the change is committed, its messages can go. */
    @Override
    public void recorded(RecordedSession session) {
        drainSoon();
    }

    @Override
    public void findingsChanged(RecordedSession session, List<Finding> previous) {
        drainSoon();
    }

    @Override
    public void liveFindings(Session running, List<Finding> findings) {
        ZoneId zone = zoneOfOwner.apply(running.owner());
        for (Finding f : findings) {
            enqueue(new OutboundMessage(topics.alert(running.pen()), Payloads.liveAlert(running, f, zone), QOS, false));
        }
        drainSoon();
    }

    @Override
    public void ownerStatus(SafetyStatus.OwnerStatus status) {
        retain(new OutboundMessage(topics.nextSafe(status.owner().id()), Payloads.nextSafe(status), QOS, true));
    }

    private void enqueue(OutboundMessage message) {
        if (outbox.add(message)) {
            published.incrementAndGet();
            return;
        }
        long lost = dropped.incrementAndGet();
        if (lost == 1 || lost % 1000 == 0) {
            log.error("MQTT outbox is full ({} messages waiting for {}): {} message(s) not published so far; "
                    + "the sessions are safe in the history", outbox.size(), settings.url(), lost);
        }
    }

    // ---- retained state: latest value wins --------------------------------------------------------

    /** Publishes a retained message now if connected, and again after every reconnection. */
    public void retain(OutboundMessage message) {
        if (!message.retained()) {
            throw new IllegalArgumentException("not a retained message: " + message.topic());
        }
        if (!closed) {
            worker.execute(() -> {
                retained.put(message.topic(), message);
                if (connected) {
                    publishDirect(message);
                }
            });
        }
    }

    private void publishDirect(OutboundMessage m) {
        try {
            client.publish(m.topic(), m.payload(), m.qos(), m.retained());
        } catch (MqttException e) {
            log.debug("publish to {} failed; it is published again on the next connection", m.topic(), e);
        }
    }

    // ---- commands ---------------------------------------------------------------------------------

    /**
     * Carries out area choices published on {@code <root>/<pen>/area/set}. Until this is called the
     * gateway does not subscribe to commands.
     */
    public void acceptAreaCommands(AreaCommands commands) {
        this.areaCommands = Objects.requireNonNull(commands, "commands");
        worker.execute(this::subscribeToCommands);
    }

    private void subscribeToCommands() {
        if (!connected || areaCommands == null) {
            return;
        }
        try {
            client.subscribe(topics.areaCommands(), QOS);
        } catch (MqttException e) {
            log.warn("could not subscribe to {} ({}); area commands over MQTT wait for the next connection",
                    topics.areaCommands(), e.getMessage());
        }
    }

    private void onCommand(String topic, MqttMessage message) {
        AreaCommands commands = areaCommands;
        Optional<String> pen = topics.penOfAreaCommand(topic);
        if (commands == null || pen.isEmpty()) {
            return;
        }
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8).strip();
        Optional<String> problem = Area.fromId(payload)
                .map(area -> commands.choose(pen.get(), area))
                .orElseGet(() -> Optional.of("'" + shorten(payload) + "' is not an area; use one of: " + Area.allIds()));
        problem.ifPresent(p -> {
            log.warn("MQTT command on {} refused: {}", topic, p);
            enqueue(new OutboundMessage(topics.error(pen.get()), Payloads.commandError(pen.get(), "area/set", shorten(payload), p),
                    QOS, false));
            drainSoon();
        });
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    // ---- counters ---------------------------------------------------------------------------------

    /** Messages accepted into the outbox. */
    public long published() {
        return published.get();
    }

    /** Outbox messages the broker has acknowledged. */
    public long delivered() {
        return delivered.get();
    }

    /** Messages not kept because a (memory) outbox was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Whether the broker has accepted the connection (and not lost it since). */
    public boolean isConnected() {
        return connected;
    }

    public int waiting() {
        return outbox.size();
    }

    /** Waits until the broker has acknowledged every message in the outbox. */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (outbox.size() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Woken by each acknowledgement; looks again at least twice a second in case the
                // outbox emptied another way (another process drained the durable one).
                progress.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- connection, on the worker thread ---------------------------------------------------------

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    worker.execute(MqttPublisher.this::connected);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable problem) {
                    worker.execute(() -> disconnected(problem));
                }
            });
        } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
            disconnected(e);
        }
    }

    private MqttConnectOptions options() throws IOException, GeneralSecurityException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion("3.1".equals(settings.version())
                ? MqttConnectOptions.MQTT_VERSION_3_1 : MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(MAX_IN_FLIGHT * 5);
        // A crashed gateway shows as offline: the broker publishes this when the connection dies.
        options.setWill(topics.status(), bytes("offline"), QOS, true);
        if (settings.username().isPresent()) {
            options.setUserName(settings.username().get());
            settings.password().read().ifPresent(options::setPassword);
        }
        if (settings.url().startsWith("ssl://")) {
            options.setSocketFactory(TlsContext.socketFactory(settings.tls()));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }

    private void connected() {
        connected = true;
        failures = 0;
        boolean recovered = lastProblem != null;
        lastProblem = null;
        int waiting = outbox.size();
        log.info("{} MQTT broker {} as {}; {} message(s) waiting", recovered ? "connected again to" : "connected to",
                settings.url(), settings.clientId(), waiting);
        retained.values().forEach(this::publishDirect);
        subscribeToCommands();
        drain();
    }

    private void disconnected(Throwable problem) {
        connected = false;
        inFlight.clear();
        if (closed) {
            return;
        }
        String description = BrokerProblems.describe(problem, settings);
        if (!description.equals(lastProblem)) {
            log.warn(description + outboxNote());
            log.debug("MQTT problem", problem);
            lastProblem = description;
        }
        failures++;
        Duration delay = backoff.delayAfter(failures);
        worker.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String outboxNote() {
        int waiting = outbox.size();
        return waiting == 0 ? "" : " (" + waiting + " message(s) wait in the outbox)";
    }

    private void drainSoon() {
        if (!closed) {
            worker.execute(this::drain);
        }
    }

    /** Publishes the oldest waiting messages, keeping at most {@link #MAX_IN_FLIGHT} unacknowledged. */
    private void drain() {
        reportOutbox();
        if (!connected) {
            return;
        }
        for (Outbox.Entry entry : outbox.oldest(MAX_IN_FLIGHT + inFlight.size())) {
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                return;
            }
            if (!inFlight.add(entry.id())) {
                continue;
            }
            OutboundMessage m = entry.message();
            try {
                client.publish(m.topic(), m.payload(), m.qos(), m.retained(), null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        worker.execute(() -> acknowledged(entry.id()));
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable problem) {
                        // Stays in the outbox; published again after the reconnect that follows.
                        worker.execute(() -> inFlight.remove(entry.id()));
                    }
                });
            } catch (MqttException e) {
                inFlight.remove(entry.id());
                log.debug("publish to {} failed; will retry", m.topic(), e);
                return;
            }
        }
    }

    private void acknowledged(long id) {
        inFlight.remove(id);
        outbox.acknowledge(id);
        delivered.incrementAndGet();
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        drain();
    }

    /** The outbox size in the gateway's retained state, at most every few seconds, and in the log when it grows large. */
    private void reportOutbox() {
        int size = outbox.size();
        long now = clock.millis();
        if (size == reportedOutbox || (now - reportedAt < GATEWAY_STATE_EVERY.toMillis() && size != 0 && reportedOutbox != 0)) {
            return;
        }
        if (size >= 1000 && Integer.toString(size).length() > Integer.toString(Math.max(reportedOutbox, 1)).length()) {
            log.warn("{} MQTT messages wait in the outbox for {}; they are kept until the broker acknowledges them",
                    size, settings.url());
        }
        reportedOutbox = size;
        reportedAt = now;
        OutboundMessage state = new OutboundMessage(topics.gateway(), Payloads.gateway(size, Instant.ofEpochMilli(now)), QOS, true);
        retained.put(state.topic(), state);
        if (connected) {
            publishDirect(state);
        }
    }

    /** Says goodbye (offline) after giving in-flight messages a moment to be acknowledged. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            boolean delivering = client.isConnected();
            if ((!delivering || !awaitDelivered(Duration.ofSeconds(5))) && outbox.size() > 0) {
                log.warn("{} MQTT message(s) wait in the outbox for {}; they are sent on the next start", outbox.size(),
                        settings.url());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        worker.shutdownNow();
        try {
            if (client.isConnected()) {
                client.publish(topics.status(), bytes("offline"), QOS, true).waitForCompletion(2_000);
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            log.debug("MQTT disconnect", e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT close", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            if (!closed) {
                worker.execute(() -> disconnected(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, cause)));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Paho drops the connection when this throws; a bad command must not take publishing down.
            try {
                onCommand(topic, message);
            } catch (RuntimeException e) {
                log.error("MQTT command on {} failed", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Acknowledgements are handled by each publish's own listener.
        }
    }
}
