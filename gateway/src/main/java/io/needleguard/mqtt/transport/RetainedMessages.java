package io.needleguard.mqtt.transport;

import io.needleguard.outbox.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retained state (availability, pens' states, next safe times, the gateway's state): only the latest
 * value per topic is kept, published at once when connected and again on every connection, so a broker
 * that lost it, or a connection that dropped before it went out, still ends up with it. Not from the
 * outbox: a retained value that was superseded need not go out at all. Confined to the publisher's thread.
 */
final class RetainedMessages {

    /** The transport's log: one name for whoever reads or filters what MQTT says. */
    private static final Logger log = LoggerFactory.getLogger(MqttTransport.class);

    private final IMqttAsyncClient client;
    private final BooleanSupplier connected;
    private final Map<String, OutboundMessage> latest = new LinkedHashMap<>();

    RetainedMessages(IMqttAsyncClient client, BooleanSupplier connected) {
        this.client = client;
        this.connected = connected;
    }

    /** Keeps {@code message} as its topic's latest value, and publishes it if connected. */
    void retain(OutboundMessage message) {
        latest.put(message.topic(), message);
        if (connected.getAsBoolean()) {
            publish(message);
        }
    }

    /** On a new connection: every topic's latest value. */
    void publishAll() {
        latest.values().forEach(this::publish);
    }

    /** Without waiting for the broker: what fails goes out again on the next connection. */
    private void publish(OutboundMessage m) {
        try {
            client.publish(m.topic(), m.payload(), m.qos(), m.retained());
        } catch (MqttException e) {
            log.debug("publish to {} failed; it is published again on the next connection", m.topic(), e);
        }
    }
}
