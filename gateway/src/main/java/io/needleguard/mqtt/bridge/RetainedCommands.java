package io.needleguard.mqtt.bridge;

import io.needleguard.mqtt.message.Messages;
import io.needleguard.outbox.OutboundMessage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands are not state: one the broker kept (published with the retain flag) would be obeyed again on
 * every connection, long after it was meant. It is ignored, and cleared so that it stops coming back; the
 * empty message that clears it, when it comes back, is ignored too.
 */
final class RetainedCommands {

    private static final Logger log = LoggerFactory.getLogger(RetainedCommands.class);

    private RetainedCommands() {}

    /**
     * Whether the command is to be ignored: it arrived retained (a kept one is cleared), or it is empty.
     * An empty payload is no command: it is what clearing a kept one publishes, and the broker hands it to
     * every subscriber, this gateway included, as an ordinary message (retained only for a subscriber that
     * arrives later). Answering it would log a false "'' is not an area" for every command cleared.
     */
    static boolean ignored(String topic, byte[] payload, boolean retained, Consumer<OutboundMessage> retain) {
        if (payload.length == 0) {
            return true;
        }
        if (!retained) {
            return false;
        }
        log.info("ignored a command the broker had kept on {} (commands are not state); cleared it", topic);
        retain.accept(new OutboundMessage(topic, new byte[0], Messages.QOS, true));
        return true;
    }
}
