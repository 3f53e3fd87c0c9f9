package io.needleguard.mqtt.transport;

import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox in order while connected, reading it ahead in batches, with at most
 * {@link MqttTransport#MAX_IN_FLIGHT} messages unacknowledged and at most
 * {@link MqttTransport#MAX_UNDELETED} acknowledged ones waiting for their delete. A message leaves the
 * outbox only on its own acknowledgement ({@link GroupCommitDeletes}): at least once, never lost.
 * Confined to the publisher's thread.
 */
final class OutboxDrain {

    private static final Logger log = LoggerFactory.getLogger(MqttTransport.class);

    /** How many messages one read of the outbox takes ahead of publishing them. */
    private static final int READ_AHEAD = 200;

    private final IMqttAsyncClient client;
    private final Outbox outbox;
    private final ScheduledExecutorService worker;
    private final BooleanSupplier connected;
    private final GroupCommitDeletes deletes;
    private final OutboxReport report;
    private final AtomicLong delivered = new AtomicLong();

    /** Published on this connection, not yet acknowledged by the broker. */
    private final Set<Long> inFlight = new HashSet<>();
    /** Read from the outbox, not yet published, oldest first. */
    private final ArrayDeque<Outbox.Entry> ahead = new ArrayDeque<>();
    /** The id of the last message read on this connection: the next read starts after it. */
    private long readUpTo;

    OutboxDrain(
            IMqttAsyncClient client,
            Outbox outbox,
            ScheduledExecutorService worker,
            BooleanSupplier connected,
            GroupCommitDeletes deletes,
            OutboxReport report) {
        this.client = client;
        this.outbox = outbox;
        this.worker = worker;
        this.connected = connected;
        this.deletes = deletes;
        this.report = report;
    }

    /** Outbox messages the broker has acknowledged since start; read from any thread. */
    long delivered() {
        return delivered.get();
    }

    /** Whether messages are surely still waiting, known without counting the outbox. */
    private boolean surelyWaiting() {
        return !ahead.isEmpty() || !inFlight.isEmpty() || deletes.pending() > 0;
    }

    /**
     * The connection is gone: the next one reads the outbox from its oldest message again, so whatever
     * was in flight is sent again (at least once), except what the broker acknowledged.
     */
    void restart() {
        inFlight.clear();
        ahead.clear();
        readUpTo = 0;
    }

    /** Publishes the oldest waiting messages, within the window; says how many wait when it is time. */
    void drain() {
        report.report(surelyWaiting());
        deletes.retry(); // a delete that failed (a full disk) is tried again
        if (!connected.getAsBoolean()) {
            return;
        }
        while (inFlight.size() < MqttTransport.MAX_IN_FLIGHT && deletes.pending() < MqttTransport.MAX_UNDELETED) {
            Outbox.Entry entry = ahead.poll();
            if (entry == null) {
                List<Outbox.Entry> more = outbox.oldestAfter(readUpTo, READ_AHEAD);
                if (more.isEmpty()) {
                    return;
                }
                for (Outbox.Entry read : more) {
                    // After a reconnection the read starts again at the oldest: what the broker already
                    // acknowledged, and is only waiting for its delete, is not sent again.
                    if (!deletes.holds(read.id())) {
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
        delivered.incrementAndGet();
        deletes.acknowledged(id);
        drain();
    }
}
