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
    public record Received(String topic, JsonNode json, int qos, boolean retained) {}

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TestSubscriber(String url, String... topicFilters) throws MqttException {
        this(url, null, topicFilters);
    }

    /**
     * A consumer like Home Assistant: a persistent session with a fixed client id, reconnecting by
     * itself, so the broker keeps its QoS 1 messages while it is away.
     */
    public static TestSubscriber persistent(String url, String clientId, String... topicFilters) throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttConnectOptions options =
                new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        return new TestSubscriber(url, clientId, options, topicFilters);
    }

    /** With a login and TLS as {@code options} give them (null: anonymous, plain TCP). */
    public TestSubscriber(String url, org.eclipse.paho.client.mqttv3.MqttConnectOptions options, String... topicFilters)
            throws MqttException {
        this(url, "test-" + UUID.randomUUID().toString().substring(0, 8), options, topicFilters);
    }

    private TestSubscriber(
            String url,
            String clientId,
            org.eclipse.paho.client.mqttv3.MqttConnectOptions options,
            String... topicFilters)
            throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        org.eclipse.paho.client.mqttv3.MqttConnectOptions connect =
                options == null ? new org.eclipse.paho.client.mqttv3.MqttConnectOptions() : options;
        // Paho may count a publish as in flight a moment after its token says it is complete: a test
        // that publishes retained messages one after another must not hit the default window of 10.
        connect.setMaxInflight(1000);
        client.connect(connect);
        for (String topicFilter : topicFilters) {
            subscribe(topicFilter);
        }
    }

    private void subscribe(String topicFilter) throws MqttException {
        // A callback must not throw (Paho then drops the connection): a payload that is not JSON, such
        // as a command, is kept as text.
        client.subscribe(topicFilter, 1, (topic, message) -> {
            JsonNode json;
            try {
                // An empty payload (a withdrawn retained message) is kept as empty text.
                json = message.getPayload().length == 0
                        ? com.fasterxml.jackson.databind.node.TextNode.valueOf("")
                        : SessionJson.MAPPER.readTree(message.getPayload());
            } catch (IOException notJson) {
                json = com.fasterxml.jackson.databind.node.TextNode.valueOf(
                        new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
            Received r = new Received(topic, json, message.getQos(), message.isRetained());
            seen.add(r);
            received.add(r);
        });
    }

    /** Every message received since the start, whether a test took it or not. */
    public List<Received> seen() {
        return List.copyOf(seen);
    }

    /** Every message received so far, and whatever arrives within {@code quiet}. */
    public java.util.List<Received> all(Duration quiet) throws InterruptedException {
        return take(Integer.MAX_VALUE, quiet);
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

    /** Publishes a retained message, as an earlier needleguard or another program left it at the broker. */
    public void publishRetained(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, true);
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
