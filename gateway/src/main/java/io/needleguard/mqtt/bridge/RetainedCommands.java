package io.needleguard.mqtt.bridge;

import io.needleguard.mqtt.message.Messages;
import io.needleguard.outbox.OutboundMessage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands are not state: one the broker kept (published with the retain flag) would be obeyed again on
 * every connection, long after it was meant. It is ignored, and cleared so that it stops coming back.
 */
final class RetainedCommands {

    private static final Logger log = LoggerFactory.getLogger(RetainedCommands.class);

    private RetainedCommands() {}

    /** Whether the command arrived retained, and so is to be ignored; a kept one is cleared. */
    static boolean ignored(String topic, byte[] payload, boolean retained, Consumer<OutboundMessage> retain) {
        if (!retained) {
            return false;
        }
        if (payload.length > 0) {
            log.info("ignored a command the broker had kept on {} (commands are not state); cleared it", topic);
            retain.accept(new OutboundMessage(topic, new byte[0], Messages.QOS, true));
        }
        return true;
    }
}
