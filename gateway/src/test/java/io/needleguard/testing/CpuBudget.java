package io.needleguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Every input is answered within 100 ms of CPU": runs the handling of one input on a thread of its own
 * and measures that thread's CPU time (ThreadMXBean), not the wall clock, so a machine busy with other
 * builds does not make the check flaky, while an input that makes the code compute for seconds fails it.
 * Work that is still running after {@link #GIVE_UP} (a hang: BigInteger arithmetic on a 300-million-digit
 * number) fails at once; its thread is abandoned (a daemon) and the next input gets a new one.
 */
public final class CpuBudget implements AutoCloseable {

    /** What one input may cost: the property of the hostile-input suite. */
    public static final Duration PER_INPUT = Duration.ofMillis(100);

    /** Wall time after which work counts as hung. Generous: the machine may be busy. */
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** What the work returned or threw, and the CPU time it took. */
    public record Answer<T>(T value, Throwable thrown, Duration cpu) {}

    private ExecutorService thread = newThread();
    private int inputs;
    private Duration most = Duration.ZERO;
    private String costliest = "";

    public CpuBudget() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /**
     * Runs {@code work} and fails (naming {@code input}) when it took more than {@link #PER_INPUT} of CPU
     * or did not end. An exception it throws is an answer too (a refusal), returned for the caller to judge.
     */
    public <T> Answer<T> answer(String input, Callable<T> work) {
        Answer<T> answer = measure(input, work);
        record(input, answer.cpu());
        if (answer.cpu().compareTo(PER_INPUT) > 0) {
            fail("took " + answer.cpu().toMillis() + " ms of CPU (more than " + PER_INPUT.toMillis() + " ms) for "
                    + input);
        }
        return answer;
    }

    /** Runs {@code work} and says what it cost; fails only when it does not end. */
    public <T> Answer<T> measure(String input, Callable<T> work) {
        Future<Answer<T>> running = thread.submit(() -> {
            long before = THREADS.getCurrentThreadCpuTime();
            T value = null;
            Throwable thrown = null;
            try {
                value = work.call();
            } catch (Throwable t) {
                thrown = t;
            }
            return new Answer<>(value, thrown, Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - before));
        });
        try {
            return running.get(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            thread.shutdownNow();
            thread = newThread();
            return fail("still computing after " + GIVE_UP.toSeconds() + " s: " + input);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Counts an input and what it cost, for {@link #summary()}. */
    public synchronized void record(String input, Duration cpu) {
        inputs++;
        if (cpu.compareTo(most) > 0) {
            most = cpu;
            costliest = input;
        }
    }

    /** How many inputs were answered and what the costliest took: the figure the reliability page quotes. */
    public synchronized String summary() {
        return inputs + " inputs; the most CPU one took: "
                + String.format(java.util.Locale.ROOT, "%.1f", most.toNanos() / 1e6) + " ms ("
                + costliest.substring(0, Math.min(120, costliest.length())) + ")";
    }

    private static ExecutorService newThread() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "cpu-budget");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
