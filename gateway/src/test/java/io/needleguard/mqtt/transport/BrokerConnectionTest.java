package io.needleguard.mqtt.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.needleguard.mqtt.MqttSettings;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.retry.Backoff;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reconnecting: Paho's client mocked, the publisher's thread run by the test so each delay is seen. */
class BrokerConnectionTest {

    private final IMqttAsyncClient client = mock(IMqttAsyncClient.class);
    private final ManualWorker worker = new ManualWorker();
    private final AtomicBoolean brokerUp = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger ups = new AtomicInteger();
    private final AtomicInteger downs = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private BrokerConnection connection;

    @BeforeEach
    void aBrokerThatAcceptsOnlyWhenUp() throws Exception {
        doAnswer(inv -> {
                    attempts.incrementAndGet();
                    IMqttActionListener listener = inv.getArgument(2);
                    if (brokerUp.get()) {
                        listener.onSuccess(mock(IMqttToken.class));
                    } else {
                        listener.onFailure(
                                mock(IMqttToken.class),
                                new MqttException(MqttException.REASON_CODE_BROKER_UNAVAILABLE));
                    }
                    return mock(IMqttToken.class);
                })
                .when(client)
                .connect(any(MqttConnectOptions.class), any(), any(IMqttActionListener.class));
        OutboundMessage offline =
                new OutboundMessage("needleguard/status", "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        connection = new BrokerConnection(
                MqttSettings.of("tcp://broker.invalid:1883", "needleguard-test", "needleguard"),
                client,
                worker,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 0, new Random()),
                offline,
                () -> 0,
                closed::get,
                new BrokerConnection.Events() {
                    @Override
                    public void up() {
                        ups.incrementAndGet();
                    }

                    @Override
                    public void down() {
                        downs.incrementAndGet();
                    }
                });
    }

    @Test
    void theWaitBetweenAttemptsDoublesToItsCapAndStartsAgainAfterAConnection() {
        connection.connect();
        worker.runAll();
        for (int i = 0; i < 5; i++) {
            worker.runScheduled();
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 8L, 8L), seconds(worker.delays), "each delay before the next attempt");
        assertEquals(6, attempts.get());
        assertFalse(connection.isConnected());

        brokerUp.set(true);
        worker.runScheduled();
        assertTrue(connection.isConnected());
        assertEquals(1, ups.get());

        brokerUp.set(false);
        worker.delays.clear();
        connection.lost(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST));
        worker.runScheduled();
        assertEquals(List.of(1L, 2L), seconds(worker.delays), "a new outage starts from the first delay");
        assertFalse(connection.isConnected());
    }

    @Test
    void anOutageReportedTwiceIsRetriedByOneChainOfAttempts() {
        brokerUp.set(true);
        connection.connect();
        worker.runAll();
        assertTrue(connection.isConnected());

        brokerUp.set(false);
        // Paho tells of the same outage twice: the connection lost, then a publish or an attempt failing.
        connection.lost(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST));
        connection.lost(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST));
        assertEquals(1, worker.delays.size(), "one attempt scheduled, not one per report");
        worker.runScheduled();
        worker.runScheduled();
        assertEquals(3, attempts.get(), "the first connection, then one attempt after each delay");
    }

    @Test
    void aClosedTransportMakesNoFurtherAttempt() {
        connection.connect();
        worker.runAll();
        assertEquals(1, worker.delays.size(), "one attempt scheduled after the failure");
        closed.set(true);
        worker.runScheduled();
        assertEquals(1, attempts.get(), "the scheduled attempt found the transport closed");
        connection.lost(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST));
        assertEquals(1, worker.delays.size(), "nothing scheduled once closed");
        assertTrue(downs.get() >= 2, "the transport was told each time");
    }

    private static List<Long> seconds(List<Duration> delays) {
        return delays.stream().map(Duration::toSeconds).toList();
    }
}
