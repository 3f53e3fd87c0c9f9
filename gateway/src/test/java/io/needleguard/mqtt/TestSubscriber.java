package io.needleguard.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.json.SessionJson;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An MQTT consumer for tests: subscribes at QoS 1 and hands messages over as they arrive. */
public final class TestSubscriber implements AutoCloseable {

    /** A received message. */
    public record Received(String topic, JsonNode json, int qos, boolean retained) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    public TestSubscriber(String url, String topicFilter) throws MqttException {
        client = new MqttClient(url, "test-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        client.connect();
        // A callback must not throw (Paho then drops the connection): a payload that is not JSON, such
        // as a command, is kept as text.
        client.subscribe(topicFilter, 1, (topic, message) -> {
            JsonNode json;
            try {
                json = SessionJson.MAPPER.readTree(message.getPayload());
            } catch (IOException notJson) {
                json = com.fasterxml.jackson.databind.node.TextNode.valueOf(new String(message.getPayload(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            received.add(new Received(topic, json, message.getQos(), message.isRetained()));
        });
    }

    /** The next {@code count} messages, waiting up to {@code timeout} in all; fewer if it ran out. */
    public List<Received> take(int count, Duration timeout) throws InterruptedException {
        List<Received> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            Received next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            messages.add(next);
        }
        return messages;
    }

    /** Publishes as another MQTT client would (a home automation sending a command). */
    public void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
    }

    /** The first message that matches, waiting up to {@code timeout}; empty if none came. */
    public java.util.Optional<Received> awaitMatch(java.util.function.Predicate<Received> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null || match.test(next)) {
                return java.util.Optional.ofNullable(next);
            }
        }
    }

    /** Whatever arrives within {@code quiet}: to show that nothing more came. */
    public List<Received> drain(Duration quiet) throws InterruptedException {
        return take(Integer.MAX_VALUE, quiet);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
