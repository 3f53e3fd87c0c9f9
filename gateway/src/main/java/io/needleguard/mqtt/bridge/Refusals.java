package io.needleguard.mqtt.bridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;

/**
 * How many refused commands are answered (on the error topic, through the outbox) and logged: at most
 * {@link #PER_WINDOW} per topic per minute. A flood of bad commands must not fill the disk with answers
 * nobody reads, nor the log; what is not answered is counted and said in one line once the minute is
 * over: {@link #endWindows()}, which the bridge calls every few seconds, says it even when no command
 * comes after the flood. A window that is over is forgotten, so that topics nobody uses any more cost
 * nothing.
 */
final class Refusals {

    static final int PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private record Window(Instant start, int refused) {}

    private final Clock clock;
    private final ObjIntConsumer<String> unanswered;
    private final Map<String, Window> windows = new HashMap<>();

    /**
     * @param unanswered told, once per window that is over, how many commands on a topic went unanswered
     *                   in it (only when some did)
     */
    Refusals(Clock clock, ObjIntConsumer<String> unanswered) {
        this.clock = clock;
        this.unanswered = unanswered;
    }

    /** Refusals whose unanswered counts go to {@code log}, in the words every command handler uses. */
    static Refusals logged(Clock clock, Logger log) {
        return new Refusals(
                clock,
                (topic, unanswered) -> log.warn(
                        "refused {} more commands on {} in a minute (not answered, not logged one by one)",
                        unanswered,
                        topic));
    }

    /** A command on {@code topic} is refused: whether to answer and log it. */
    synchronized boolean answer(String topic) {
        Instant now = clock.instant();
        Window w = windows.get(topic);
        if (w == null || isOver(w, now)) {
            if (w != null) {
                report(topic, w);
            }
            w = new Window(now, 0);
        }
        w = new Window(w.start(), w.refused() + 1);
        windows.put(topic, w);
        return w.refused() <= PER_WINDOW;
    }

    /** Says the count of every window that is over, and forgets it. */
    synchronized void endWindows() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Window>> i = windows.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<String, Window> e = i.next();
            if (isOver(e.getValue(), now)) {
                report(e.getKey(), e.getValue());
                i.remove();
            }
        }
    }

    /** Topics with a window open or not yet ended. */
    synchronized int topics() {
        return windows.size();
    }

    private static boolean isOver(Window w, Instant now) {
        return !now.isBefore(w.start().plus(WINDOW));
    }

    private void report(String topic, Window w) {
        if (w.refused() > PER_WINDOW) {
            unanswered.accept(topic, w.refused() - PER_WINDOW);
        }
    }
}
