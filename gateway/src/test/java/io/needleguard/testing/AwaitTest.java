package io.needleguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A wait that runs out fails the test, saying what it waited for: no caller can ignore it. */
class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger asked = new AtomicInteger();
        Await.until(() -> asked.incrementAndGet() == 3, Duration.ofSeconds(10), "the third look");
        assertEquals(3, asked.get());
    }

    @Test
    void failsOnTimeoutNamingWhatItWaitedFor() {
        AssertionError e = assertThrows(
                AssertionError.class, () -> Await.until(() -> false, Duration.ofMillis(50), "the pen connected"));
        assertEquals("waited 50 ms for: the pen connected", e.getMessage());
    }

    @Test
    void aFailureSaysTheStateReadWhenItFailed() {
        AtomicInteger reads = new AtomicInteger();
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> Await.until(
                        () -> false, Duration.ofMillis(50), "5 sessions", () -> reads.incrementAndGet() + " sessions"));
        assertTrue(e.getMessage().endsWith("\nat the end: 1 sessions"), e.getMessage());
        assertEquals(1, reads.get(), "the state is read once, when the wait failed");
    }
}
