package io.needleguard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.link.WorkTracker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The listeners' one thread: in order, counted, at once from itself, and nothing handed over is lost at close. */
class ListenerThreadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WorkTracker tracker = new WorkTracker();
    private final ListenerThread thread = new ListenerThread(tracker, WAIT);
    private final List<String> done = new CopyOnWriteArrayList<>();

    @Test
    void workRunsInTheOrderHandedOverOnTheListenersThreadAndIsCounted() throws Exception {
        for (int i = 1; i <= 3; i++) {
            int n = i;
            thread.run(() -> done.add(n + " on " + Thread.currentThread().getName()));
        }
        assertTrue(tracker.awaitIdle(WAIT), "the work was counted until done");
        assertEquals(List.of("1 on gateway-listeners", "2 on gateway-listeners", "3 on gateway-listeners"), done);
        thread.close();
    }

    @Test
    void workHandedOverFromTheListenersThreadItselfRunsAtOnceAsPartOfTheEvent() throws Exception {
        thread.run(() -> {
            done.add("event");
            thread.run(() -> done.add("what it means"));
            done.add("event done");
        });
        thread.run(() -> done.add("next event"));
        assertTrue(tracker.awaitIdle(WAIT));
        assertEquals(List.of("event", "what it means", "event done", "next event"), done);
        thread.close();
    }

    @Test
    void closingFinishesWhatWasHandedOverAndWhatComesAfterIsStillTold() {
        thread.run(() -> done.add("before close"));
        thread.close();
        assertEquals(List.of("before close"), done, "close finished it");

        thread.run(() -> done.add("after close on " + Thread.currentThread().getName()));

        assertEquals(
                List.of(
                        "before close",
                        "after close on " + Thread.currentThread().getName()),
                done);
    }

    @Test
    void aFailingPieceOfWorkDoesNotStopTheThread() throws Exception {
        thread.run(() -> {
            throw new IllegalStateException("a listener's bug");
        });
        thread.run(() -> done.add("still told"));
        assertTrue(tracker.awaitIdle(WAIT));
        assertEquals(List.of("still told"), done);
        thread.close();
    }
}
