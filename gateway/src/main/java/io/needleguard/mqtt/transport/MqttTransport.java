package io.needleguard.mqtt.transport;

import io.needleguard.mqtt.MqttSettings;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.retry.Backoff;
import io.needleguard.threads.DaemonThreads;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the broker (Eclipse Paho, QoS 1), and nothing about what the messages mean.
 *
 * <p>One worker thread drains the {@link Outbox} in order while connected, with at most
 * {@link #MAX_IN_FLIGHT} messages unacknowledged, and deletes a message only once the broker has
 * acknowledged it: at least once, never lost. It reads the outbox ahead in batches, and deletes the
 * acknowledged messages together (a group commit: one fsync for many acknowledgements, at most
 * {@link #MAX_UNDELETED} waiting) on a thread of their own, publishing on while a commit waits for the
 * disk, so a backlog drains at the broker's pace, not the disk's. Retained state keeps only its latest value per topic and
 * is published again on every connection. The broker being down, at start or later, or refusing the
 * login never blocks the caller: the transport retries with backoff, forever, and says what is wrong
 * once per change, not once per retry. What arrives on subscriptions (commands) is carried out on a
 * thread of its own ({@link Inbox}), so that nothing anyone publishes can hold publishing up.
 */
public final class MqttTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttTransport.class);
    /** At most this many messages are unacknowledged at once. */
    public static final int MAX_IN_FLIGHT = 20;
    /**
     * At most this many acknowledged messages wait to be deleted in one commit. With
     * {@link #MAX_IN_FLIGHT}, the bound on messages sent again after a crash or a power cut.
     */
    public static final int MAX_UNDELETED = 80;
    /** How many messages one read of the outbox takes ahead of publishing them. */
    private static final int READ_AHEAD = 200;

    private static final Duration GATEWAY_STATE_EVERY = Duration.ofSeconds(5);

    /**
     * A message that arrived on a subscription. Runs on the transport's command thread, one message at a
     * time in the order they came, apart from publishing: a slow command holds up the commands after it,
     * never a session going out.
     */
    @FunctionalInterface
    public interface Inbound {
        void arrived(String topic, byte[] payload, boolean retained);
    }

    /**
     * What the transport publishes of its own accord.
     *
     * @param online       the retained availability published on every connection
     * @param offline      the same topic's Last Will, and what a clean stop publishes
     * @param gatewayState the retained message that reports the outbox's size
     */
    public record Announcements(
            OutboundMessage online, OutboundMessage offline, IntFunction<OutboundMessage> gatewayState) {
        public Announcements {
            Objects.requireNonNull(online, "online");
            Objects.requireNonNull(offline, "offline");
            Objects.requireNonNull(gatewayState, "gatewayState");
        }
    }

    private record Subscription(String filter, Inbound handler) {}

    private final MqttSettings settings;
    private final IMqttAsyncClient client;
    private final Outbox outbox;
    private final Clock clock;
    private final Backoff backoff;
    private final Announcements announcements;
    private final ScheduledExecutorService worker = DaemonThreads.scheduler("mqtt-publisher");
    /** Commits the deletes of acknowledged messages, one batch at a time. */
    private final ExecutorService deleter = DaemonThreads.single("mqtt-outbox-delete");
    /** Carries out what arrives on the subscriptions. */
    private final Inbox inbox = new Inbox(worker);

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    // Confined to the worker thread.
    private volatile boolean connected;
    private int failures;
    private String lastProblem;
    /** Published on this connection, not yet acknowledged by the broker. */
    private final Set<Long> inFlight = new HashSet<>();
    /** Read from the outbox, not yet published, oldest first. */
    private final ArrayDeque<Outbox.Entry> ahead = new ArrayDeque<>();
    /** The id of the last message read on this connection: the next read starts after it. */
    private long readUpTo;
    /** Acknowledged by the broker, not yet handed to the deleter. */
    private final List<Long> undeleted = new ArrayList<>();
    /** Handed to the deleter, its commit not yet reported back: still in the outbox. */
    private Set<Long> deleting = Set.of();

    private boolean deleteQueued;
    private int reportedOutbox = -1;
    private long reportedAt;
    /** The latest value of each retained topic, published again on every connection. */
    private final Map<String, OutboundMessage> retained = new LinkedHashMap<>();

    private final AtomicLong delivered = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private volatile boolean closed;

    /** Over a client the caller made (tests give a mock); call {@link #start()} to connect. */
    MqttTransport(
            MqttSettings settings,
            IMqttAsyncClient client,
            Outbox outbox,
            Clock clock,
            Backoff backoff,
            Announcements announcements) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.announcements = Objects.requireNonNull(announcements, "announcements");
        client.setCallback(new Callback());
    }

    /**
     * Creates the transport and starts connecting in the background; returns at once.
     *
     * @param outbox where messages wait: the history's own (durable)
     */
    public static MqttTransport start(
            MqttSettings settings, Outbox outbox, Clock clock, Backoff backoff, Announcements announcements) {
        try {
            MqttTransport transport = new MqttTransport(
                    settings,
                    new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence()),
                    outbox,
                    clock,
                    backoff,
                    announcements);
            transport.start();
            return transport;
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use MQTT broker " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    void start() {
        retain(announcements.online());
        worker.execute(this::connect);
    }

    public MqttSettings settings() {
        return settings;
    }

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

    /** The outbox has new messages: publish them once connected. */
    public void drainSoon() {
        if (!closed) {
            worker.execute(this::drain);
        }
    }

    /** Subscribes to {@code filter} on this and every later connection; messages go to {@code handler}. */
    public void subscribe(String filter, Inbound handler) {
        subscriptions.add(new Subscription(filter, handler));
        if (!closed) {
            worker.execute(() -> subscribe(filter));
        }
    }

    private void subscribe(String filter) {
        if (!connected) {
            return;
        }
        try {
            client.subscribe(filter, 1);
        } catch (MqttException e) {
            log.warn("could not subscribe to {} ({}); commands wait for the next connection", filter, e.getMessage());
        }
    }

    /** Outbox messages the broker has acknowledged since start. */
    public long delivered() {
        return delivered.get();
    }

    /** Whether the broker has accepted the connection (and not lost it since). */
    public boolean isConnected() {
        return connected;
    }

    /** Messages waiting in the outbox. */
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

    // ---- on the worker thread ---------------------------------------------------------------------

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    worker.execute(MqttTransport.this::connected);
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
        options.setMqttVersion(
                "3.1".equals(settings.version())
                        ? MqttConnectOptions.MQTT_VERSION_3_1
                        : MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(MAX_IN_FLIGHT * 5);
        // A crashed gateway shows as offline: the broker publishes this when the connection dies.
        OutboundMessage will = announcements.offline();
        options.setWill(will.topic(), will.payload(), will.qos(), true);
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
        log.info(
                "{} MQTT broker {} as {}; {} message(s) waiting",
                recovered ? "connected again to" : "connected to",
                settings.url(),
                settings.clientId(),
                outbox.size());
        retained.values().forEach(this::publishDirect);
        subscriptions.forEach(s -> subscribe(s.filter()));
        drain();
    }

    private void disconnected(Throwable problem) {
        connected = false;
        inFlight.clear();
        // The next connection reads the outbox from its oldest message again: whatever was in flight
        // is sent again (at least once), except what the broker acknowledged, deleted first.
        ahead.clear();
        readUpTo = 0;
        deleteAcknowledged();
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

    private void publishDirect(OutboundMessage m) {
        try {
            client.publish(m.topic(), m.payload(), m.qos(), m.retained());
        } catch (MqttException e) {
            log.debug("publish to {} failed; it is published again on the next connection", m.topic(), e);
        }
    }

    /** Publishes the oldest waiting messages, keeping at most {@link #MAX_IN_FLIGHT} unacknowledged. */
    private void drain() {
        reportOutbox();
        if (!undeleted.isEmpty()) {
            queueDelete(); // a delete that failed (a full disk) is tried again
        }
        if (!connected) {
            return;
        }
        while (inFlight.size() < MAX_IN_FLIGHT && undeleted.size() + deleting.size() < MAX_UNDELETED) {
            Outbox.Entry entry = ahead.poll();
            if (entry == null) {
                List<Outbox.Entry> more = outbox.oldestAfter(readUpTo, READ_AHEAD);
                if (more.isEmpty()) {
                    return;
                }
                for (Outbox.Entry read : more) {
                    // After a reconnection the read starts again at the oldest: what the broker already
                    // acknowledged, and is only waiting for its delete, is not sent again.
                    if (!deleting.contains(read.id()) && !undeleted.contains(read.id())) {
                        ahead.add(read);
                    }
                }
                readUpTo = more.get(more.size() - 1).id();
                continue;
            }
            if (!publish(entry)) {
                return;
            }
        }
    }

    private boolean publish(Outbox.Entry entry) {
        inFlight.add(entry.id());
        OutboundMessage m = entry.message();
        try {
            client.publish(m.topic(), m.payload(), m.qos(), m.retained(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    worker.execute(() -> acknowledged(entry.id()));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable problem) {
                    // Stays in the outbox; published again with the next drain or after the reconnect.
                    worker.execute(() -> {
                        if (inFlight.remove(entry.id())) {
                            ahead.addFirst(entry);
                        }
                    });
                }
            });
            return true;
        } catch (MqttException e) {
            inFlight.remove(entry.id());
            ahead.addFirst(entry);
            log.debug("publish to {} failed; will retry", m.topic(), e);
            return false;
        }
    }

    private void acknowledged(long id) {
        inFlight.remove(id);
        undeleted.add(id);
        delivered.incrementAndGet();
        queueDelete();
        drain();
    }

    /**
     * Deletes the acknowledged messages after the acknowledgements already queued on this thread have
     * been taken in: many acknowledgements, one commit.
     */
    private void queueDelete() {
        if (!deleteQueued) {
            deleteQueued = true;
            worker.execute(this::deleteAcknowledged);
        }
    }

    /** Hands what was acknowledged to the deleter; one commit at a time, the next takes what came meanwhile. */
    private void deleteAcknowledged() {
        deleteQueued = false;
        if (undeleted.isEmpty() || !deleting.isEmpty()) {
            return;
        }
        List<Long> batch = List.copyOf(undeleted);
        undeleted.clear();
        deleting = Set.copyOf(batch);
        try {
            deleter.execute(() -> {
                boolean done = deleteNow(batch);
                try {
                    worker.execute(() -> deleted(batch, done));
                } catch (RejectedExecutionException closed) {
                    // closed meanwhile: nothing more to publish
                }
            });
        } catch (RejectedExecutionException closing) {
            undeleted.addAll(0, batch); // closing: close() deletes them
            deleting = Set.of();
        }
    }

    /** Deletes a batch from the outbox, on the deleter (or at close); false if the store refused. */
    private boolean deleteNow(List<Long> batch) {
        try {
            outbox.acknowledge(batch);
            return true;
        } catch (RuntimeException e) {
            // Kept: deleted with the next batch. Until then they stay in the outbox, and would at worst be
            // sent again after a restart.
            log.warn("could not remove delivered MQTT messages from the outbox: {}", e.getMessage());
            return false;
        }
    }

    /** The deleter's report, on the worker: a batch left the outbox, or is kept to be tried again. */
    private void deleted(List<Long> batch, boolean done) {
        deleting = Set.of();
        if (!done) {
            undeleted.addAll(0, batch); // tried again with the next drain
            return;
        }
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        if (!undeleted.isEmpty()) {
            queueDelete();
        }
        drain();
    }

    /** At close, on the worker: waits for a commit under way, then deletes the rest here. */
    private void deleteRemaining() throws InterruptedException, ExecutionException, TimeoutException {
        deleter.submit(() -> {}).get(2, TimeUnit.SECONDS);
        if (!undeleted.isEmpty() && deleteNow(List.copyOf(undeleted))) {
            undeleted.clear();
        }
    }

    /** The outbox size in the gateway's retained state, at most every few seconds, and in the log when it grows large. */
    private void reportOutbox() {
        long now = clock.millis();
        boolean surelyWaiting = !ahead.isEmpty() || !inFlight.isEmpty() || !undeleted.isEmpty() || !deleting.isEmpty();
        if (surelyWaiting && reportedOutbox > 0 && now - reportedAt < GATEWAY_STATE_EVERY.toMillis()) {
            return; // not yet time, and not empty: without counting (a count waits for a delete's commit)
        }
        int size = outbox.size();
        if (size == reportedOutbox
                || (now - reportedAt < GATEWAY_STATE_EVERY.toMillis() && size != 0 && reportedOutbox != 0)) {
            return;
        }
        if (size >= 1000
                && Integer.toString(size).length()
                        > Integer.toString(Math.max(reportedOutbox, 1)).length()) {
            log.warn(
                    "{} MQTT messages wait in the outbox for {}; they are kept until the broker acknowledges them",
                    size,
                    settings.url());
        }
        reportedOutbox = size;
        reportedAt = now;
        OutboundMessage state = announcements.gatewayState().apply(size);
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
                log.warn(
                        "{} MQTT message(s) wait in the outbox for {}; they are sent on the next start",
                        outbox.size(),
                        settings.url());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // What the broker acknowledged leaves the outbox now, not with the next start.
            worker.submit(() -> {
                        deleteRemaining();
                        return null;
                    })
                    .get(4, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.debug("MQTT outbox: the last acknowledgements stay until the next start", e);
        }
        closed = true;
        inbox.close();
        worker.shutdownNow();
        deleter.shutdownNow();
        try {
            if (client.isConnected()) {
                OutboundMessage offline = announcements.offline();
                client.publish(offline.topic(), offline.payload(), offline.qos(), true)
                        .waitForCompletion(2_000);
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            log.debug("MQTT disconnect", e);
        }
        try {
            if (client instanceof MqttAsyncClient paho) {
                paho.close(true); // also while still trying to connect: its threads must not outlive the gateway
            } else {
                client.close();
            }
        } catch (MqttException e) {
            log.debug("MQTT close", e);
        }
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
            byte[] payload = message.getPayload();
            boolean isRetained = message.isRetained();
            for (Subscription s : subscriptions) {
                if (MqttTopic.isMatched(s.filter(), topic) && !closed) {
                    inbox.offer(topic, payload, isRetained, s.handler());
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Acknowledgements are handled by each publish's own listener.
        }
    }
}
