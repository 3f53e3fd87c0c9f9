package io.needleguard.link;

import io.needleguard.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a pen's link may connect again: after connection attempts that failed in a row (a connection
 * that works starts them again from 0), and after sessions the history could not store in a row (a
 * full disk: the next connection waits longer each time, whether or not the connections themselves
 * work, until a session is stored). Counted on the link's thread; {@link #due()} is asked from any.
 */
final class LinkRetry {

    private final Clock clock;
    private final Backoff backoff;
    private int failures;
    private int historyFailures;
    private volatile Instant retryAt = Instant.MIN;

    LinkRetry(Clock clock, Backoff backoff) {
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Whether the wait after the last failure is over. */
    boolean due() {
        return !clock.instant().isBefore(retryAt);
    }

    /** A connection attempt failed: how long until the next one, longer each time. */
    Duration afterFailure() {
        return waitAfter(++failures);
    }

    /** The history could not store a session: how long until the next connection, longer each time. */
    Duration afterHistoryFailure() {
        return waitAfter(++historyFailures);
    }

    void connected() {
        failures = 0;
    }

    void stored() {
        historyFailures = 0;
    }

    private Duration waitAfter(int inARow) {
        Duration delay = backoff.delayAfter(inARow);
        retryAt = clock.instant().plus(delay);
        return delay;
    }
}
