package io.needleguard.mqtt.transport;

import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many messages wait in the outbox, said in the gateway's retained state at most every few seconds
 * (and at once when it empties), and in the log when the backlog grows by an order of magnitude past a
 * thousand. Confined to the publisher's thread.
 */
final class OutboxReport {

    private static final Logger log = LoggerFactory.getLogger(MqttTransport.class);

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final Clock clock;
    private final String broker;
    private final IntFunction<OutboundMessage> gatewayState;
    private final RetainedMessages retained;

    private int reportedOutbox = -1;
    private long reportedAt;

    OutboxReport(
            Outbox outbox,
            Clock clock,
            String broker,
            IntFunction<OutboundMessage> gatewayState,
            RetainedMessages retained) {
        this.outbox = outbox;
        this.clock = clock;
        this.broker = broker;
        this.gatewayState = gatewayState;
        this.retained = retained;
    }

    /** @param surelyWaiting whether messages surely wait: then the outbox is not counted before it is time */
    void report(boolean surelyWaiting) {
        long now = clock.millis();
        if (surelyWaiting && reportedOutbox > 0 && now - reportedAt < EVERY.toMillis()) {
            return; // not yet time, and not empty: without counting (a count waits for a delete's commit)
        }
        int size = outbox.size();
        if (size == reportedOutbox || (now - reportedAt < EVERY.toMillis() && size != 0 && reportedOutbox != 0)) {
            return;
        }
        if (size >= 1000
                && Integer.toString(size).length()
                        > Integer.toString(Math.max(reportedOutbox, 1)).length()) {
            log.warn(
                    "{} MQTT messages wait in the outbox for {}; they are kept until the broker acknowledges them",
                    size,
                    broker);
        }
        reportedOutbox = size;
        reportedAt = now;
        retained.retain(gatewayState.apply(size));
    }
}
