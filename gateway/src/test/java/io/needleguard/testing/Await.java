package io.needleguard.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition, for the rare test whose subject works on its own schedule, and fails the test
 * when it does not come: a wait whose outcome a caller could ignore is a test that cannot fail.
 *
 * <p>To show that something did <em>not</em> happen, do not wait for it to stay away for a while: wait
 * for a later event that would have come after it (a sentinel), then look.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(20);

    private Await() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @param what what the test waits for, as the failure should say it ("the pen connected")
     * @throws AssertionError if {@code timeout} passed first
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        until(condition, timeout, what, () -> null);
    }

    /**
     * Returns once {@code condition} holds; a failure also says what {@code state} gives at that moment
     * (a process's log, the messages received so far), read only then.
     *
     * @throws AssertionError if {@code timeout} passed first
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what, Supplier<?> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                Object now = state.get();
                throw new AssertionError("waited " + timeout.toMillis() + " ms for: " + what
                        + (now == null ? "" : "\nat the end: " + now));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
