package io.needleguard.link;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts work handed to the gateway's threads and not yet finished, so that a caller can wait until
 * the gateway has caught up (a simulation before it advances its clock, a test before it asserts,
 * a shutdown before it closes the history) instead of sleeping and hoping.
 */
public final class WorkTracker {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private long pending;

    /** Runs {@code task} on {@code executor}, counted until it finishes (or is rejected). */
    public void submit(Executor executor, Runnable task) {
        begin();
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    end();
                }
            });
        } catch (RuntimeException rejected) {
            end();
            throw rejected;
        }
    }

    void begin() {
        lock.lock();
        try {
            pending++;
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
            if (--pending == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no counted work is pending. Returns false if {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (pending > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public long pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }
}
