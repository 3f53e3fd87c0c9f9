package io.needleguard.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.retry.Backoff;
import io.needleguard.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** When a pen's link may connect again: failed connections and a history that cannot store back off apart. */
class LinkRetryTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-10T19:00:00Z"));
    private final LinkRetry retry =
            new LinkRetry(clock, new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(80), 0.0, new Random(1)));

    @Test
    void aLinkMayConnectAtOnceUntilSomethingFails() {
        assertTrue(retry.due());
        assertEquals(Duration.ofSeconds(10), retry.afterFailure());
        assertFalse(retry.due());
        clock.advance(Duration.ofSeconds(9));
        assertFalse(retry.due(), "not before the wait is over");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(retry.due());
    }

    @Test
    void failuresInARowWaitLongerAndAWorkingConnectionStartsAgain() {
        assertEquals(Duration.ofSeconds(10), retry.afterFailure());
        assertEquals(Duration.ofSeconds(20), retry.afterFailure());
        retry.connected();
        assertEquals(Duration.ofSeconds(10), retry.afterFailure());
    }

    @Test
    void aHistoryThatCannotStoreBacksOffEvenWhenConnectionsWork() {
        assertEquals(Duration.ofSeconds(10), retry.afterHistoryFailure());
        retry.connected();
        assertEquals(Duration.ofSeconds(20), retry.afterHistoryFailure(), "connecting is not storing");
        retry.stored();
        assertEquals(Duration.ofSeconds(10), retry.afterHistoryFailure());
    }
}
