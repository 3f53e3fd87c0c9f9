package io.needleguard.gateway;

import io.needleguard.link.WorkTracker;
import io.needleguard.threads.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread the gateway's listeners hear everything on, in the order it happened: what a pen
 * reports, what the recorder committed and what follows from it (next safe times, read again from the
 * history). A pen's thread only hands each event over, so a pen is told it may delete a session as soon
 * as the session is committed, however long the MQTT bridge, the dashboard or the console take to hear
 * of it. One thread for every pen keeps each pen's events in order, and the recorder's with them.
 *
 * <p>Work handed over is counted by the gateway's {@link WorkTracker}, so waiting for the gateway to be
 * idle also waits for its listeners. Closed after the pens' links, it finishes what it was handed before
 * it stops; anything heard after that (a session logged by hand while the process stops) is told on the
 * caller's thread, as nothing would else be left to tell it.
 */
final class ListenerThread implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListenerThread.class);

    private final WorkTracker tracker;
    private final Duration closeWait;
    private final ExecutorService executor;
    private volatile Thread thread;

    ListenerThread(WorkTracker tracker, Duration closeWait) {
        this.tracker = tracker;
        this.closeWait = closeWait;
        ThreadFactory named = DaemonThreads.named("gateway-listeners");
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = named.newThread(task);
            thread = t;
            return t;
        });
    }

    /**
     * Runs {@code work} on the listeners' thread, after everything handed over before it; at once when
     * called on that thread (the work of an event told more events: they are part of it).
     */
    void run(Runnable work) {
        if (Thread.currentThread() == thread) {
            work.run();
            return;
        }
        try {
            tracker.submit(executor, () -> safely(work));
        } catch (RejectedExecutionException closed) {
            // Closed: wait for what is queued, so that the order holds, then tell it here.
            awaitTermination();
            safely(work);
        }
    }

    /** A failing listener is logged by {@link Listeners}; this keeps anything else from ending the thread. */
    private static void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("telling the gateway's listeners failed (what they were told is in the history)", e);
        }
    }

    /** Finishes what was handed over (at most the close wait), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        awaitTermination();
    }

    private void awaitTermination() {
        try {
            if (!executor.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("stopped before the listeners heard everything; the history has it all");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
