package io.needleguard.mqtt.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The publisher's thread, run by the test: what is executed waits in a queue until {@link #runAll}, and
 * what is scheduled waits with its delay until {@link #runScheduled}, so a test sees each step and each
 * delay instead of waiting for them. Other threads (the deleter) may hand it work.
 */
final class ManualWorker extends AbstractExecutorService implements ScheduledExecutorService {

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    /** Every delay asked for, in order. */
    final List<Duration> delays = new ArrayList<>();

    private volatile boolean shutdown;

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    /** Whether work waits to run. */
    boolean hasWork() {
        return !queue.isEmpty();
    }

    /** Runs what is queued, and what that queues, until nothing is left. */
    void runAll() {
        for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
            task.run();
        }
    }

    /** Runs the tasks scheduled so far (as if their delays had passed), then what they queued. */
    void runScheduled() {
        List<Runnable> due = List.copyOf(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
        runAll();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        delays.add(Duration.ofNanos(unit.toNanos(delay)));
        scheduled.add(command);
        return null; // nobody here cancels a scheduled attempt
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the transport");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the transport");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the transport");
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.copyOf(queue);
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
