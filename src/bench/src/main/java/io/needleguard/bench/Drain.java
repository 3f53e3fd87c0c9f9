package io.needleguard.bench;

import io.needleguard.history.RecordedSession;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.store.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An outbox backlog drained to a real broker by the gateway's transport, against a plain Paho client
 * publishing the same messages at QoS 1 with the same window in flight: the yardstick, in the same run.
 */
final class Drain {

    private Drain() {}

    /** The messages of {@code n / 2} recorded sessions with a finding each: a session and an alert message apiece. */
    static List<OutboundMessage> messages(int n) {
        Messages messages = SyntheticHistory.messages();
        Finding finding = new Finding(
                "spacing.min-interval",
                Severity.WARNING,
                "Cheeks needled 3 days after the 0.5 mm session on cheeks of Mon 5 Jan 2026 19:00; at 0.5 mm wait"
                        + " at least 14 days between sessions on the same area.",
                "safety-rules.md#spacing",
                Instant.parse("2026-01-20T00:00:00Z"));
        List<OutboundMessage> all = new ArrayList<>(n);
        for (int i = 0; all.size() < n; i++) {
            all.addAll(messages.recorded(new RecordedSession(
                    SyntheticHistory.session(i, Recording.INTERVAL), List.of(finding), Instant.now())));
        }
        return all.subList(0, n);
    }

    /** Seconds for a plain Paho client to publish every message and have each acknowledged. */
    static double paho(String url, List<OutboundMessage> messages) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-paho", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(MqttTransport.MAX_IN_FLIGHT * 5);
        Semaphore window = new Semaphore(MqttTransport.MAX_IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(messages.size());
        IMqttActionListener acknowledged = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
                done.countDown();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable problem) {
                throw new IllegalStateException("Paho baseline: a publish failed", problem);
            }
        };
        long t0 = System.nanoTime();
        client.connect(options).waitForCompletion(10_000);
        for (OutboundMessage m : messages) {
            window.acquire();
            client.publish(m.topic(), m.payload(), m.qos(), m.retained(), null, acknowledged);
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Paho baseline: not every message was acknowledged");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        client.disconnect().waitForCompletion(5_000);
        client.close();
        return seconds;
    }

    /** Seconds for the gateway's transport to drain {@code messages}, waiting in its SQLite outbox, to the broker. */
    static double gateway(String url, Path dir, List<OutboundMessage> messages) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.database().atomically(() -> {
                messages.forEach(store.outbox()::add);
                return null;
            });
            Messages m = SyntheticHistory.messages();
            long t0 = System.nanoTime();
            MqttTransport transport = MqttTransport.start(
                    MqttSettings.of(url, "bench-gateway", "needleguard"),
                    store.outbox(),
                    Clock.systemUTC(),
                    Backoff.standard(),
                    new MqttTransport.Announcements(
                            m.availability(true),
                            m.availability(false),
                            size -> m.gateway("bench", size, List.of(), Instant.now())));
            transport.drainSoon();
            boolean drained = transport.awaitDelivered(Duration.ofMinutes(15));
            double seconds = (System.nanoTime() - t0) / 1e9;
            transport.close();
            if (!drained) {
                throw new IllegalStateException("the outbox did not drain within 15 minutes");
            }
            return seconds;
        }
    }
}
