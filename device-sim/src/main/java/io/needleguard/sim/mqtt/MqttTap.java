package io.needleguard.sim.mqtt;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A subscriber beside the gateway, as Home Assistant would be: counts what actually arrives on the
 * broker, so the demo's summary shows delivery end to end, not just what was sent. Paho stays in this
 * package (the simulator's layering test holds it): the demo sees an {@link IOException}.
 */
public final class MqttTap implements AutoCloseable {

    static final int ATTEMPTS = 3;

    private final MqttClient client;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong nextSafe = new AtomicLong();
    private final AtomicLong penStates = new AtomicLong();
    private final Object arrivals = new Object();

    /** @throws IOException when it cannot subscribe; its cause is Paho's {@link MqttException} */
    public MqttTap(String url, String topicFilter) throws IOException {
        try {
            client = subscribed(url, topicFilter);
        } catch (MqttException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Connects and subscribes, trying again (up to {@link #ATTEMPTS} times) where the broker drops the connection at once. */
    private MqttClient subscribed(String url, String topicFilter) throws MqttException {
        String id = "needleguard-demo-tap-" + UUID.randomUUID().toString().substring(0, 6);
        for (int attempt = 1; ; attempt++) {
            MqttClient candidate = new MqttClient(url, id, new MemoryPersistence());
            try {
                candidate.connect();
                candidate.subscribe(topicFilter, 1, (topic, message) -> arrived(topic));
                return candidate;
            } catch (MqttException e) {
                candidate.close(true);
                // The embedded broker (Moquette 0.17) counts a connection as open only once it has seen its
                // CONNACK written, which can come after a SUBSCRIBE sent at once: it then drops the connection.
                if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void arrived(String topic) {
        if (topic.endsWith("/session")) {
            sessions.incrementAndGet();
        } else if (topic.endsWith("/alert")) {
            alerts.incrementAndGet();
        } else if (topic.endsWith("/next-safe")) {
            nextSafe.incrementAndGet();
        } else if (topic.endsWith("/state")) {
            penStates.incrementAndGet();
        }
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    public long sessions() {
        return sessions.get();
    }

    public long alerts() {
        return alerts.get();
    }

    /** Owners' next safe times (retained; each update counts). */
    public long nextSafe() {
        return nextSafe.get();
    }

    /** Pens' states (retained; each update counts). */
    public long penStates() {
        return penStates.get();
    }

    /** Waits until {@code total} session and alert messages have arrived, or {@code timeout} passed. */
    public void awaitEvents(long total, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (sessions.get() + alerts.get() < total) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect();
            client.close();
        } catch (MqttException e) {
            // The demo is over; a tap that cannot say goodbye changes nothing.
        }
    }
}
