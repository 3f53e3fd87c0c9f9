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

    /** How long a marker may take to come back from the broker on loopback, on a busy machine. */
    private static final Duration MARKER_WAIT = Duration.ofSeconds(30);

    private final MqttClient client;
    /** Where this subscriber sends itself markers (see {@link #upToNow()}); nobody else reads it. */
    private final String markerTopic;

    private final java.util.concurrent.atomic.AtomicLong markers = new java.util.concurrent.atomic.AtomicLong();
    private boolean markerSubscribed;
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
        markerTopic = "needleguard-test/marker/" + clientId;
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
            if (!topic.equals(markerTopic)) {
                seen.add(r);
            }
            received.add(r);
        });
    }

    /** Every message received since the start, whether a test took it or not. */
    public List<Received> seen() {
        return List.copyOf(seen);
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
            if (!next.topic().equals(markerTopic)) {
                messages.add(next);
            }
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
            if (next == null || (!next.topic().equals(markerTopic) && match.test(next))) {
                return java.util.Optional.ofNullable(next);
            }
        }
    }

    /**
     * Every message the broker had sent this subscriber by now and that no test took yet: the retained
     * messages of its subscriptions, and what another client's acknowledged publish brought. It sends
     * itself a marker and takes messages until the marker is back: the broker sends a connection its
     * messages in the order it queued them, so whatever it had for this subscriber comes before. To show
     * that nothing more came, without waiting for a quiet spell.
     */
    public List<Received> upToNow() throws InterruptedException, MqttException {
        if (!markerSubscribed) {
            subscribe(markerTopic);
            markerSubscribed = true;
        }
        String marker = Long.toString(markers.incrementAndGet());
        client.publish(markerTopic, marker.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
        List<Received> messages = new ArrayList<>();
        long deadline = System.nanoTime() + MARKER_WAIT.toNanos();
        while (true) {
            Received next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("the broker did not send marker " + marker + " back within " + MARKER_WAIT
                        + "; received meanwhile: " + messages);
            }
            if (!next.topic().equals(markerTopic)) {
                messages.add(next);
            } else if (next.json().asText().equals(marker)) {
                return messages;
            }
        }
    }

    /**
     * What a consumer subscribing now is told under {@code filter}: the broker's retained messages, each
     * topic's (an empty payload, a cleared one, is not retained and so not among them).
     */
    public static List<Received> retainedAt(String url, String filter) throws MqttException, InterruptedException {
        try (TestSubscriber late = new TestSubscriber(url, filter)) {
            return late.upToNow().stream().filter(Received::retained).toList();
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
