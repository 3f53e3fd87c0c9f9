package io.needleguard.mqtt.bridge;

import io.needleguard.history.HandEntry;
import io.needleguard.history.HandLog;
import io.needleguard.history.RefusedEntry;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.mqtt.message.LogCommandPayload;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <root>/<owner>/log}: logs a session by hand for that person, as {@code needleguard log} does
 * (a Home Assistant script or dashboard button sends it). The session then goes out like any other, on
 * {@code <root>/<owner>/session}; a command that cannot be a session is answered on
 * {@code <root>/<owner>/error} and changes nothing. A command the broker kept (retained) is not obeyed:
 * it would log the same session again on every reconnection. It is cleared instead.
 */
final class LogCommandHandler implements MqttTransport.Inbound {

    private static final Logger log = LoggerFactory.getLogger(LogCommandHandler.class);

    /** How much of a refused payload its answer quotes. */
    private static final int QUOTED = 200;

    private final Topics topics;
    private final Messages messages;
    private final Supplier<Household> household;
    private final HandLog handLog;
    private final CommandReplies replies;

    /**
     * @param retain  publishes a retained message (here: the empty one that clears a kept command)
     * @param outbox  where answers to refused commands wait; {@code drainSoon} sends them
     * @param handLog records the session, and tells the gateway's listeners as a pen's session would
     * @param clock   for the limit on refusals answered (10 per topic per minute, as for area commands)
     */
    LogCommandHandler(
            Messages messages,
            Consumer<OutboundMessage> retain,
            Outbox outbox,
            Runnable drainSoon,
            Household household,
            HandLog handLog,
            Clock clock) {
        this(messages, retain, outbox, drainSoon, () -> household, handLog, clock);
    }

    /** @param household the household in force: whose topics a session may be logged on, asked at each command */
    LogCommandHandler(
            Messages messages,
            Consumer<OutboundMessage> retain,
            Outbox outbox,
            Runnable drainSoon,
            Supplier<Household> household,
            HandLog handLog,
            Clock clock) {
        this.topics = messages.topics();
        this.messages = messages;
        this.household = household;
        this.handLog = handLog;
        this.replies = new CommandReplies(retain, outbox, drainSoon, clock, log);
    }

    @Override
    public void arrived(String topic, byte[] bytes, boolean retained) {
        Optional<String> level = topics.ownerOfLogCommand(topic);
        if (level.isEmpty()) {
            return;
        }
        if (replies.ignored(topic, bytes, retained)) {
            return;
        }
        String payload = PayloadText.start(bytes, QUOTED);
        List<Owner> people = household.get().owners();
        Optional<Owner> owner = people.stream()
                .filter(o -> Topics.level(o.id()).equals(level.get()))
                .findFirst();
        if (owner.isEmpty()) {
            refuse(
                    level.get(),
                    false,
                    payload,
                    Quote.of(level.get()) + " is not a person of this household; log on the topic of one of: "
                            + people.stream().map(Owner::id).collect(Collectors.joining(", ")));
            return;
        }
        try {
            HandEntry entry = LogCommandPayload.read(bytes, owner.get().id());
            HandLog.Logged logged = handLog.log(entry);
            log.debug("logged session {} from {}", logged.session().session().id(), topic);
        } catch (InvalidInputException | RefusedEntry e) {
            refuse(level.get(), true, payload, e.getMessage());
        }
    }

    /** Says how many refusals went unanswered in each minute that is over; the bridge calls it every few seconds. */
    void endRefusalWindows() {
        replies.endWindows();
    }

    /**
     * @param known whether {@code owner} is a person of this household: the levels that are not share one
     *              limit, so that commands sent to made-up people cannot have every one answered
     */
    private void refuse(String owner, boolean known, String payload, String problem) {
        String topic = topics.logCommand(owner);
        replies.refuse(
                known ? topic : topics.logCommands(),
                () -> {
                    // The problem quotes depths, areas and times: health data, which the log keeps to DEBUG (logs end
                    // up
                    // in the system journal). The answer on the error topic, on the user's own broker, has it all.
                    log.warn(
                            "MQTT command on {} refused; the reason is answered on {}",
                            Quote.brief(topic, 100),
                            Quote.brief(topics.error(owner), 100));
                    log.debug("MQTT command on {} refused: {}", Quote.brief(topic, 100), problem);
                },
                () -> messages.ownerCommandError(owner, "log", payload, problem));
    }
}
