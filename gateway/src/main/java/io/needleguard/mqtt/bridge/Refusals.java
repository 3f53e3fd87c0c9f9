package io.needleguard.mqtt.bridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How many refused commands are answered (on the error topic, through the outbox) and logged: at most
 * {@link #PER_WINDOW} per topic per minute. A flood of bad commands must not fill the disk with answers
 * nobody reads, nor the log; what is not answered is counted and said in one line when the minute ends.
 */
final class Refusals {

    static final int PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private record Window(Instant start, int refused) {}

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    Refusals(Clock clock) {
        this.clock = clock;
    }

    /**
     * A command on {@code topic} is refused: whether to answer and log it. {@code closed} gets how many
     * went unanswered in the topic's previous window, once, when a new window starts.
     */
    synchronized boolean answer(String topic, java.util.function.IntConsumer closed) {
        Instant now = clock.instant();
        Window w = windows.get(topic);
        if (w == null || !now.isBefore(w.start().plus(WINDOW))) {
            if (w != null && w.refused() > PER_WINDOW) {
                closed.accept(w.refused() - PER_WINDOW);
            }
            w = new Window(now, 0);
        }
        w = new Window(w.start(), w.refused() + 1);
        windows.put(topic, w);
        return w.refused() <= PER_WINDOW;
    }
}
