package io.needleguard.mqtt.bridge;

import io.needleguard.household.PenLending;
import io.needleguard.household.RefusedChange;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.text.Quote;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <root>/<pen>/person/set}: chooses who a pen's next session is for (a pen lent for one session),
 * as {@code needleguard pens lend} does; the pen's owner gives it back. A command that cannot be carried
 * out is answered on {@code <root>/<pen>/error}. A retained command is cleared, not obeyed, as an area
 * command is ({@link AreaCommandHandler}).
 */
final class PersonCommandHandler implements MqttTransport.Inbound {

    private static final Logger log = LoggerFactory.getLogger(PersonCommandHandler.class);

    /** How much of a payload is read and quoted: person ids are short. */
    private static final int QUOTED = 64;

    private final Topics topics;
    private final Messages messages;
    private final Supplier<Collection<String>> pens;
    private final PenLending lending;
    private final Consumer<String> lent;
    private final CommandReplies replies;

    /**
     * @param retain  publishes a retained message (here: the empty one that clears a kept command)
     * @param outbox  where answers to refused commands wait; {@code drainSoon} sends them
     * @param pens    the pens this gateway records
     * @param lent    told the serial of a pen whose next session's person was chosen
     * @param clock   for the limit on refusals answered (10 per topic per minute)
     */
    PersonCommandHandler(
            Messages messages,
            Consumer<OutboundMessage> retain,
            Outbox outbox,
            Runnable drainSoon,
            Supplier<Collection<String>> pens,
            PenLending lending,
            Consumer<String> lent,
            Clock clock) {
        this.topics = messages.topics();
        this.messages = messages;
        this.pens = pens;
        this.lending = lending;
        this.lent = lent;
        this.replies = new CommandReplies(retain, outbox, drainSoon, clock, log);
    }

    @Override
    public void arrived(String topic, byte[] bytes, boolean retained) {
        Optional<String> penLevel = topics.penOfPersonCommand(topic);
        if (penLevel.isEmpty() || replies.ignored(topic, bytes, retained)) {
            return;
        }
        String payload = PayloadText.start(bytes, QUOTED).strip();
        Optional<String> serial = pens.get().stream()
                .filter(s -> Topics.level(s).equals(penLevel.get()))
                .findFirst();
        if (serial.isEmpty()) {
            refuse(
                    penLevel.get(),
                    false,
                    payload,
                    "pen " + Quote.of(penLevel.get()) + " is not paired with this gateway");
            return;
        }
        try {
            lending.lendPen(serial.get(), payload);
            lent.accept(serial.get());
        } catch (RefusedChange e) {
            refuse(penLevel.get(), true, payload, e.getMessage());
        }
    }

    /** Says how many refusals went unanswered in each minute that is over; the bridge calls it every few seconds. */
    void endRefusalWindows() {
        replies.endWindows();
    }

    /** @param known whether {@code pen} is a pen of this gateway: made-up pens share one limit */
    private void refuse(String pen, boolean known, String payload, String problem) {
        String topic = topics.personCommand(pen);
        replies.refuse(
                known ? topic : topics.personCommands(),
                () -> {
                    log.warn("MQTT command on {} refused: {}", Quote.brief(topic, 100), problem);
                },
                () -> messages.commandError(pen, "person/set", payload, problem));
    }
}
