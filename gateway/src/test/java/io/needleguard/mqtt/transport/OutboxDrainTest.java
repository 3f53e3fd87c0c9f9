package io.needleguard.mqtt.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishing the outbox: Paho's client mocked (each publish recorded with its listener, to acknowledge or
 * fail it), the publisher's thread run by the test, the deletes real, over an outbox whose commits can be
 * held so that an acknowledged message is still in it when the connection drops.
 */
class OutboxDrainTest {

    private final IMqttAsyncClient client = mock(IMqttAsyncClient.class);
    private final ManualWorker worker = new ManualWorker();
    private final CountDownLatch release = new CountDownLatch(1);
    /** Each commit of deletes waits until released: acknowledged messages stay in the outbox meanwhile. */
    private final ObservedOutbox outbox =
            new ObservedOutbox(new MemoryOutbox(), ids -> GroupCommitDeletesTest.await(release));

    private final AtomicBoolean connected = new AtomicBoolean(true);
    /** Every publish of an outbox message, in order, by topic. */
    private final List<String> published = new ArrayList<>();
    /** The listener of each topic's latest publish: the test acknowledges or fails it. */
    private final Map<String, IMqttActionListener> listeners = new LinkedHashMap<>();

    private GroupCommitDeletes deletes;
    private OutboxDrain drain;

    @BeforeEach
    void wire() throws Exception {
        doAnswer(inv -> {
                    String topic = inv.getArgument(0);
                    published.add(topic);
                    listeners.put(topic, inv.getArgument(5));
                    return mock(IMqttDeliveryToken.class);
                })
                .when(client)
                .publish(anyString(), any(byte[].class), anyInt(), anyBoolean(), any(), any(IMqttActionListener.class));
        deletes = new GroupCommitDeletes(outbox, worker, () -> {});
        OutboxReport report = new OutboxReport(
                outbox,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                "tcp://broker.invalid:1883",
                size -> new OutboundMessage("gateway", new byte[0], 1, true),
                new RetainedMessages(client, connected::get));
        drain = new OutboxDrain(client, outbox, worker, connected::get, deletes, report);
    }

    @AfterEach
    void close() {
        release.countDown();
        deletes.close();
    }

    @Test
    void aMessageAcknowledgedBeforeTheConnectionDroppedIsNotSentAgainWhileItsDeleteCommits() {
        add(3);
        drain.drain();
        assertEquals(List.of("m/1", "m/2", "m/3"), published);

        ack("m/1");
        Await.until(() -> deletes.pending() == 1 && outbox.size() == 3, Duration.ofSeconds(10), "m/1's delete held");

        connected.set(false); // the connection drops, then comes back
        drain.restart();
        connected.set(true);
        drain.drain();
        assertEquals(List.of("m/1", "m/2", "m/3", "m/2", "m/3"), published, "m/1 not again; m/2 and m/3 again");
        assertEquals(1, drain.delivered());
    }

    @Test
    void atMostTwentyAreUnacknowledgedAndAFailedOneGoesOutBeforeNewerOnes() throws Exception {
        add(25);
        drain.drain();
        assertEquals(MqttTransport.MAX_IN_FLIGHT, published.size());
        assertEquals("m/20", published.get(19));

        listeners
                .get("m/5")
                .onFailure(mock(IMqttToken.class), new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT));
        worker.runAll();
        assertEquals(20, published.size(), "a failure alone sends nothing: the next drain does");

        ack("m/1");
        ack("m/2");
        assertEquals(
                List.of("m/5", "m/21", "m/22"),
                published.subList(20, published.size()),
                "the failed one first, then as many newer ones as the window has room for");
    }

    private void add(int n) {
        for (int i = 0; i < n; i++) {
            outbox.add(new OutboundMessage("m/" + (i + 1), "x".getBytes(StandardCharsets.UTF_8), 1, false));
        }
    }

    /** The broker acknowledges the message on {@code topic}; its report runs on the publisher's thread. */
    private void ack(String topic) {
        listeners.get(topic).onSuccess(mock(IMqttToken.class));
        worker.runAll();
    }
}
