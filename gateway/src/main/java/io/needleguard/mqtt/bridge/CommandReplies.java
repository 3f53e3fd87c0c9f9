package io.needleguard.mqtt.bridge;

import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What every command handler does besides carrying a command out: a kept (retained) command is cleared,
 * not obeyed, and a refused command is answered on the error topic through the outbox, sent soon, at most
 * {@link Refusals#PER_WINDOW} times per topic a minute.
 */
final class CommandReplies {

    private final Consumer<OutboundMessage> retain;
    private final Outbox outbox;
    private final Runnable drainSoon;
    private final Refusals refusals;

    /**
     * @param retain    publishes a retained message (here: the empty one that clears a kept command)
     * @param outbox    where answers to refused commands wait; {@code drainSoon} sends them
     * @param clock     for the limit on refusals answered (10 per topic per minute)
     * @param handlerLog the handler's log, where refusals not answered are counted
     */
    CommandReplies(
            Consumer<OutboundMessage> retain, Outbox outbox, Runnable drainSoon, Clock clock, Logger handlerLog) {
        this.retain = retain;
        this.outbox = outbox;
        this.drainSoon = drainSoon;
        this.refusals = Refusals.logged(clock, handlerLog);
    }

    /** Whether the command is a kept one, to be cleared and not obeyed (see {@link RetainedCommands}). */
    boolean ignored(String topic, byte[] bytes, boolean retained) {
        return RetainedCommands.ignored(topic, bytes, retained, retain);
    }

    /**
     * A command was refused: unless {@code limitTopic} had its answers for this minute, {@code logIt} says
     * so and {@code answer} is queued and sent soon.
     */
    void refuse(String limitTopic, Runnable logIt, Supplier<OutboundMessage> answer) {
        if (!refusals.answer(limitTopic)) {
            return;
        }
        logIt.run();
        outbox.add(answer.get());
        drainSoon.run();
    }

    /** Says how many refusals went unanswered in each minute that is over. */
    void endWindows() {
        refusals.endWindows();
    }
}
