package io.needleguard.mqtt.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics the transport subscribes to, on this connection and every later one, and what arrives on
 * them handed to their handlers through the {@link Inbox}, apart from publishing.
 */
final class Subscriptions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttTransport.class);

    private record Subscription(String filter, MqttTransport.Inbound handler) {}

    private final IMqttAsyncClient client;
    private final BooleanSupplier connected;
    private final Inbox inbox;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** @param worker the publisher's thread, where the inbox reports its drops */
    Subscriptions(IMqttAsyncClient client, BooleanSupplier connected, ScheduledExecutorService worker) {
        this.client = client;
        this.connected = connected;
        this.inbox = new Inbox(worker);
    }

    /** Remembers the subscription; {@link #subscribe} makes it on the broker. */
    void add(String filter, MqttTransport.Inbound handler) {
        subscriptions.add(new Subscription(filter, handler));
    }

    /** Subscribes to {@code filter} if connected (on the worker); otherwise the next connection does. */
    void subscribe(String filter) {
        if (!connected.getAsBoolean()) {
            return;
        }
        try {
            client.subscribe(filter, 1);
        } catch (MqttException e) {
            log.warn("could not subscribe to {} ({}); commands wait for the next connection", filter, e.getMessage());
        }
    }

    /** On a new connection (on the worker): every subscription again, the session being clean. */
    void subscribeAll() {
        subscriptions.forEach(s -> subscribe(s.filter()));
    }

    /** A message arrived (on Paho's thread): queued for each handler whose filter matches. */
    void arrived(String topic, MqttMessage message) {
        byte[] payload = message.getPayload();
        boolean retained = message.isRetained();
        for (Subscription s : subscriptions) {
            if (MqttTopic.isMatched(s.filter(), topic) && !closed) {
                inbox.offer(topic, payload, retained, s.handler());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        inbox.close();
    }
}
