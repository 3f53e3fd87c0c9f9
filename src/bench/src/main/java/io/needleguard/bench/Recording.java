package io.needleguard.bench;

import io.needleguard.history.SessionRecorder;
import io.needleguard.store.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Recording through the gateway's own recorder, rules and SQLite store with its outbox, each session
 * committed on its own (synchronous=FULL): what a pen's session costs, at the start of a history and
 * after years of it, and what one session synced late costs.
 */
final class Recording {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Sessions three times a day across the household: 50,000 is about 45 years of it. */
    static final Duration INTERVAL = Duration.ofHours(8);

    record Rates(double first, double atSize, int size) {}

    private Recording() {}

    /**
     * Sessions per second over the first {@code measured} sessions of an empty history, and over
     * {@code measured} more after {@code size}: the median of {@code rounds} windows of each,
     * taken in turn (an empty history, then the full one, and again), so that a slow moment of the
     * machine falls on both sides instead of deciding the ratio.
     */
    static Rates rates(Path dir, int size, int measured, int rounds) {
        // A warm-up in a history of its own, so that "the first sessions" measures an empty history and
        // not the JIT compiler.
        try (SqliteStore warmUp = SqliteStore.open(dir.resolve("warm-up"))) {
            durable(warmUp, SyntheticHistory.recorder(warmUp, Clock.systemUTC()), 0, measured);
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("history"))) {
            SessionRecorder recorder = SyntheticHistory.recorder(store, Clock.systemUTC());
            long t0 = System.nanoTime();
            SyntheticHistory.fill(store, recorder, 0, size, INTERVAL);
            System.err.printf(
                    "[bench]   filled to %d at %.0f sessions/s (a thousand to a commit)%n",
                    size, size / ((System.nanoTime() - t0) / 1e9));
            List<Double> first = new ArrayList<>();
            List<Double> atSize = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                try (SqliteStore empty = SqliteStore.open(dir.resolve("empty-" + round))) {
                    first.add(durable(empty, SyntheticHistory.recorder(empty, Clock.systemUTC()), 0, measured));
                }
                int from = size + round * measured;
                atSize.add(durable(store, recorder, from, from + measured));
            }
            return new Rates(CommandLine.median(first), CommandLine.median(atSize), size);
        }
    }

    /** Milliseconds to record one session dated before all of a {@code size}-session history (median of {@code runs}). */
    static double lateInsertMillis(Path dir, int size, int runs) {
        try (SqliteStore store = SqliteStore.open(dir)) {
            SessionRecorder recorder = SyntheticHistory.recorder(store, Clock.systemUTC());
            SyntheticHistory.fill(store, recorder, 0, size, INTERVAL);
            List<Double> millis = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                long t0 = System.nanoTime();
                recorder.record(SyntheticHistory.late(run, run));
                millis.add((System.nanoTime() - t0) / 1e6);
                SyntheticHistory.empty(store.outbox());
            }
            return CommandLine.median(millis);
        }
    }

    private static double durable(SqliteStore store, SessionRecorder recorder, int from, int to) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = from; i < to; i++) {
            recorder.record(SyntheticHistory.session(i, INTERVAL));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf(
                "[bench]   sessions %d to %d: %.2f ms each, of which %.2f ms on this thread's CPU%n",
                from, to, seconds * 1e3 / (to - from), (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6 / (to - from));
        SyntheticHistory.empty(store.outbox());
        return (to - from) / seconds;
    }
}
