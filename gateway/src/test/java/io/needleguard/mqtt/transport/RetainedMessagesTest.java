package io.needleguard.mqtt.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.needleguard.outbox.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retained state: Paho's client mocked, recording what would reach the broker. */
class RetainedMessagesTest {

    private final IMqttAsyncClient client = mock(IMqttAsyncClient.class);
    private final AtomicBoolean connected = new AtomicBoolean();
    private final List<String> published = new ArrayList<>();
    private final RetainedMessages retained = new RetainedMessages(client, connected::get);

    @BeforeEach
    void aBrokerThatRefusesTopicsNamedBroken() throws Exception {
        doAnswer(inv -> {
                    String topic = inv.getArgument(0);
                    if (topic.contains("broken")) {
                        throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
                    }
                    published.add(topic + "=" + new String((byte[]) inv.getArgument(1), StandardCharsets.UTF_8));
                    return mock(IMqttDeliveryToken.class);
                })
                .when(client)
                .publish(anyString(), any(byte[].class), anyInt(), anyBoolean());
    }

    @Test
    void whileDisconnectedOnlyTheLatestValueOfEachTopicGoesOutOnTheNextConnection() {
        retained.retain(message("pen/NP-1/state", "idle"));
        retained.retain(message("pen/NP-1/state", "running"));
        retained.retain(message("pen/NP-2/state", "idle"));
        assertEquals(List.of(), published, "nothing is sent without a connection");

        connected.set(true);
        retained.publishAll();
        assertEquals(List.of("pen/NP-1/state=running", "pen/NP-2/state=idle"), published);
    }

    @Test
    void aValueThatFailedGoesOutAgainOnEveryConnectionWithoutHoldingUpTheOthers() {
        connected.set(true);
        retained.retain(message("broken/state", "x"));
        retained.retain(message("gateway/state", "3"));
        assertEquals(List.of("gateway/state=3"), published, "sent at once when connected");

        retained.publishAll();
        retained.publishAll();
        assertEquals(List.of("gateway/state=3", "gateway/state=3", "gateway/state=3"), published);
    }

    private static OutboundMessage message(String topic, String payload) {
        return new OutboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }
}
