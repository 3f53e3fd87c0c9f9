package io.needleguard.bench;

import io.needleguard.history.SessionRecorder;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import io.needleguard.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Judging the next session against a year of the household's history (three sessions a day), as the
 * recorder does: the owner's sessions over the rules' look-back and the cartridge's uses read from
 * SQLite, then every rule.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JudgeBenchmark {

    private static final int A_YEAR = 3 * 365;

    private Path dir;
    private SqliteStore store;
    private SessionRecorder recorder;
    private Session next;

    @Setup
    public void fill() throws IOException {
        dir = Files.createTempDirectory("needleguard-judge-");
        store = SqliteStore.open(dir);
        recorder = SyntheticHistory.recorder(store, Clock.systemUTC());
        SyntheticHistory.fill(store, recorder, 0, A_YEAR, Recording.INTERVAL);
        next = SyntheticHistory.session(A_YEAR, Recording.INTERVAL);
    }

    @Benchmark
    public List<Finding> judge() {
        return recorder.evaluate(next);
    }

    @TearDown
    public void close() throws IOException {
        store.close();
        Temporary.delete(dir);
    }
}
