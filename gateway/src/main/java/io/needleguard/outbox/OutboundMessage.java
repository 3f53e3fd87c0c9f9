package io.needleguard.outbox;

import java.util.Objects;

/** A message waiting to be published. */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retained) {

    public OutboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
