package io.needleguard.mqtt.transport;

import io.needleguard.mqtt.MqttSettings;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.retry.Backoff;
import io.needleguard.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the broker (Eclipse Paho, QoS 1), and nothing about what the messages mean.
 *
 * <p>One worker thread does it all, in order: staying connected ({@link BrokerConnection}: backoff, TLS,
 * the Last Will), draining the {@link Outbox} while connected with at most {@link #MAX_IN_FLIGHT}
 * messages unacknowledged ({@link OutboxDrain}), and deleting a message only once the broker has
 * acknowledged it: at least once, never lost. Acknowledged messages are deleted together
 * ({@link GroupCommitDeletes}: one fsync for many, at most {@link #MAX_UNDELETED} waiting) on a thread of
 * their own, publishing on while a commit waits for the disk, so a backlog drains at the broker's pace,
 * not the disk's. Retained state keeps only its latest value per topic and is published again on every
 * connection ({@link RetainedMessages}); the outbox's size is part of it ({@link OutboxReport}). The
 * broker being down, at start or later, or refusing the login never blocks the caller. What arrives on
 * subscriptions (commands) is carried out on a thread of its own ({@link Inbox}), so that nothing anyone
 * publishes can hold publishing up.
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

    private final MqttSettings settings;
    private final IMqttAsyncClient client;
    private final Outbox outbox;
    private final Announcements announcements;
    private final ScheduledExecutorService worker = DaemonThreads.scheduler("mqtt-publisher");

    // Confined to the worker thread, apart from what they say is safe to read elsewhere.
    private final BrokerConnection connection;
    private final RetainedMessages retained;
    private final GroupCommitDeletes deletes;
    private final OutboxDrain drain;
    private final Subscriptions subscriptions;

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
        this.announcements = Objects.requireNonNull(announcements, "announcements");
        this.connection = new BrokerConnection(
                settings,
                client,
                worker,
                Objects.requireNonNull(backoff, "backoff"),
                announcements.offline(),
                outbox::size,
                () -> closed,
                new ConnectionEvents());
        this.retained = new RetainedMessages(client, connection::isConnected);
        this.subscriptions = new Subscriptions(client, connection::isConnected, worker);
        this.deletes = new GroupCommitDeletes(outbox, worker, this::committed);
        this.drain = new OutboxDrain(
                client,
                outbox,
                worker,
                connection::isConnected,
                deletes,
                new OutboxReport(
                        outbox,
                        Objects.requireNonNull(clock, "clock"),
                        settings.url(),
                        announcements.gatewayState(),
                        retained));
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
        worker.execute(connection::connect);
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
            worker.execute(() -> retained.retain(message));
        }
    }

    /** The outbox has new messages: publish them once connected. */
    public void drainSoon() {
        if (!closed) {
            worker.execute(drain::drain);
        }
    }

    /** Subscribes to {@code filter} on this and every later connection; messages go to {@code handler}. */
    public void subscribe(String filter, Inbound handler) {
        subscriptions.add(filter, handler);
        if (!closed) {
            worker.execute(() -> subscriptions.subscribe(filter));
        }
    }

    /** Outbox messages the broker has acknowledged since start. */
    public long delivered() {
        return drain.delivered();
    }

    /** Whether the broker has accepted the connection (and not lost it since). */
    public boolean isConnected() {
        return connection.isConnected();
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
                // Woken by each commit of deletes; looks again at least twice a second in case the
                // outbox emptied another way (another process drained the durable one).
                progress.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** On the worker, after a commit of deletes: whoever waits for delivery looks again; publishing goes on. */
    private void committed() {
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        drain.drain();
    }

    /** The connection coming and going, on the worker. */
    private final class ConnectionEvents implements BrokerConnection.Events {
        @Override
        public void up() {
            retained.publishAll();
            subscriptions.subscribeAll();
            drain.drain();
        }

        /** What was acknowledged is deleted first; what was in flight goes out again on the next connection. */
        @Override
        public void down() {
            drain.restart();
            deletes.now();
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
                        deletes.remaining();
                        return null;
                    })
                    .get(4, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.debug("MQTT outbox: the last acknowledgements stay until the next start", e);
        }
        closed = true;
        subscriptions.close();
        worker.shutdownNow();
        deletes.close();
        sayOfflineAndDisconnect();
    }

    private void sayOfflineAndDisconnect() {
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
                worker.execute(
                        () -> connection.lost(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, cause)));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            subscriptions.arrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Acknowledgements are handled by each publish's own listener.
        }
    }
}
