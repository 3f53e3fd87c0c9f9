package io.needleguard.mqtt.bridge;

import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.session.Area;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <root>/<pen>/area/set}: chooses the area of a pen's next sessions, as {@code needleguard area
 * set} does; a command that cannot be carried out is answered on {@code <root>/<pen>/error}. A command
 * the broker kept (retained) is not obeyed: commands are not state, and an old one must not undo a
 * later choice on every reconnection. It is cleared instead.
 */
final class AreaCommandHandler implements MqttTransport.Inbound {

    private static final Logger log = LoggerFactory.getLogger(AreaCommandHandler.class);

    /** How much of a refused payload its answer quotes. */
    private static final int QUOTED = 40;

    private final Topics topics;
    private final Messages messages;
    private final Supplier<Collection<String>> pens;
    private final Function<String, List<Area>> areasOf;
    private final BiConsumer<String, Area> choose;
    private final CommandReplies replies;

    /**
     * @param retain    publishes a retained message (here: the empty one that clears a kept command)
     * @param outbox    where answers to refused commands wait; {@code drainSoon} sends them
     * @param pens      the pens this gateway records
     * @param areasOf   the areas a pen's owner may needle at home (by serial): the others are refused
     * @param choose    carries out a choice for a pen (by serial)
     * @param clock     for the limit on refusals answered (10 per topic per minute)
     */
    AreaCommandHandler(
            Messages messages,
            Consumer<OutboundMessage> retain,
            Outbox outbox,
            Runnable drainSoon,
            Supplier<Collection<String>> pens,
            Function<String, List<Area>> areasOf,
            BiConsumer<String, Area> choose,
            Clock clock) {
        this.topics = messages.topics();
        this.messages = messages;
        this.pens = pens;
        this.areasOf = areasOf;
        this.choose = choose;
        this.replies = new CommandReplies(retain, outbox, drainSoon, clock, log);
    }

    @Override
    public void arrived(String topic, byte[] bytes, boolean retained) {
        Optional<String> penLevel = topics.penOfAreaCommand(topic);
        if (penLevel.isEmpty()) {
            return;
        }
        if (replies.ignored(topic, bytes, retained)) {
            return;
        }
        // Only the start of a long payload is read: no area id is longer than a few words.
        String payload = PayloadText.start(bytes, QUOTED).strip();
        Optional<Area> area = Area.fromId(payload);
        Optional<String> serial = pens.get().stream()
                .filter(s -> Topics.level(s).equals(penLevel.get()))
                .findFirst();
        if (area.isEmpty()) {
            refuse(
                    penLevel.get(),
                    serial.isPresent(),
                    payload,
                    Quote.of(payload) + " is not an area" + Spelling.suggestion(payload, Area.ids()) + "; use one of: "
                            + Area.allIds());
        } else if (serial.isEmpty()) {
            refuse(
                    penLevel.get(),
                    false,
                    payload,
                    "pen " + Quote.of(penLevel.get()) + " is not paired with this gateway");
        } else if (!areasOf.apply(serial.get()).contains(area.get())) {
            List<Area> allowed = areasOf.apply(serial.get());
            refuse(
                    penLevel.get(),
                    true,
                    payload,
                    "'" + area.get().id() + "' is not for needling at home; use one of: "
                            + String.join(", ", allowed.stream().map(Area::id).toList()));
        } else {
            choose.accept(serial.get(), area.get());
        }
    }

    /** Says how many refusals went unanswered in each minute that is over; the bridge calls it every few seconds. */
    void endRefusalWindows() {
        replies.endWindows();
    }

    /**
     * @param known whether {@code pen} is a pen of this gateway: the levels that are not share one limit, so
     *              that commands sent to made-up pens cannot have every one answered
     */
    private void refuse(String pen, boolean known, String payload, String problem) {
        String topic = topics.areaCommand(pen);
        replies.refuse(
                known ? topic : topics.areaCommands(),
                () -> {
                    log.warn("MQTT command on {} refused: {}", Quote.brief(topic, 100), problem);
                },
                () -> messages.commandError(pen, "area/set", payload, problem));
    }
}
