package io.needleguard.ble;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * When a Bluetooth operation of several calls (find the device, connect, wait for its services) must
 * be done by: each call gets what is left, and a wait between polls ends in time. On the monotonic clock,
 * not the injected one: it times calls into BlueZ, not the pens' days.
 */
public final class Deadline {

    private static final Duration POLL = Duration.ofMillis(100);

    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }

    /** The time left for the next call. */
    public Duration remaining() throws BleException {
        long left = atNanos - System.nanoTime();
        if (left <= 0) {
            throw new BleException("timed out");
        }
        return Duration.ofNanos(left);
    }

    /** Waits a moment before polling again, or fails with {@code timeoutMessage} when there is no moment left. */
    public void pause(String timeoutMessage) throws BleException {
        if (System.nanoTime() + POLL.toNanos() - atNanos > 0) {
            throw new BleException(timeoutMessage);
        }
        LockSupport.parkNanos(POLL.toNanos());
    }
}
