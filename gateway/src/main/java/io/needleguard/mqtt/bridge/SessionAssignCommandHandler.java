package io.needleguard.mqtt.bridge;

import io.needleguard.history.RefusedEntry;
import io.needleguard.mqtt.message.AssignCommandPayload;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.session.SessionId;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <root>/session/assign}, JSON {@code {"session": "PEN-1:12", "owner": "sam"}}: gives a stored
 * session to another person, as {@code needleguard history assign} does. The session and both people's
 * re-judged sessions then go out as the change log writes them; a command that cannot be carried out is
 * answered on {@code <root>/session/error} and changes nothing. A retained command is cleared, not obeyed.
 */
final class SessionAssignCommandHandler implements MqttTransport.Inbound {

    private static final Logger log = LoggerFactory.getLogger(SessionAssignCommandHandler.class);

    private static final String COMMAND = "session/assign";
    /** How much of a refused payload its answer quotes. */
    private static final int QUOTED = 200;

    private final Topics topics;
    private final Messages messages;
    private final BiConsumer<SessionId, String> assign;
    private final CommandReplies replies;

    /**
     * @param assign gives the session to the person (the gateway's recorder): throws {@link RefusedEntry}
     *               for an unknown session or person, or a session already theirs
     * @param clock  for the limit on refusals answered (10 per minute)
     */
    SessionAssignCommandHandler(
            Messages messages,
            Consumer<OutboundMessage> retain,
            Outbox outbox,
            Runnable drainSoon,
            BiConsumer<SessionId, String> assign,
            Clock clock) {
        this.topics = messages.topics();
        this.messages = messages;
        this.assign = assign;
        this.replies = new CommandReplies(retain, outbox, drainSoon, clock, log);
    }

    @Override
    public void arrived(String topic, byte[] bytes, boolean retained) {
        if (!topic.equals(topics.sessionAssign()) || replies.ignored(topic, bytes, retained)) {
            return;
        }
        String payload = PayloadText.start(bytes, QUOTED);
        try {
            AssignCommandPayload command = AssignCommandPayload.read(bytes);
            assign.accept(command.session(), command.owner());
            log.info("session {} given to {} (MQTT command)", command.session(), Quote.brief(command.owner(), 40));
        } catch (InvalidInputException | RefusedEntry e) {
            refuse(payload, e.getMessage());
        }
    }

    /** Says how many refusals went unanswered in each minute that is over; the bridge calls it every few seconds. */
    void endRefusalWindows() {
        replies.endWindows();
    }

    private void refuse(String payload, String problem) {
        replies.refuse(
                topics.sessionAssign(),
                () -> {
                    log.warn("MQTT command on {} refused: {}", topics.sessionAssign(), problem);
                },
                () -> messages.sessionCommandError(COMMAND, payload, problem));
    }
}
