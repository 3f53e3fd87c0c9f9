package io.needleguard.bench;

import io.needleguard.history.RecordedSession;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Session;
import io.needleguard.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * Storing one session with its findings and its outbox messages in one durable commit
 * (synchronous=FULL: the fsync is most of it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {

    private static final List<Finding> FINDINGS = List.of(new Finding(
            "spacing.min-interval",
            Severity.WARNING,
            "Cheeks needled 3 days after the 0.5 mm session; wait at least 14 days between sessions on the same area.",
            "safety-rules.md#spacing",
            Instant.parse("2026-01-20T00:00:00Z")));

    private Path dir;
    private SqliteStore store;
    private Messages messages;
    private int next;

    @Setup
    public void open() throws IOException {
        dir = Files.createTempDirectory("needleguard-store-");
        store = SqliteStore.open(dir);
        messages = SyntheticHistory.messages();
    }

    @Benchmark
    public boolean store() {
        Session session = SyntheticHistory.session(next++, Recording.INTERVAL);
        return store.database().atomically(() -> {
            boolean added = store.sessions().add(session, FINDINGS, Instant.EPOCH);
            messages.recorded(new RecordedSession(session, FINDINGS, Instant.EPOCH))
                    .forEach(store.outbox()::add);
            return added;
        });
    }

    @TearDown
    public void close() throws IOException {
        store.close();
        Temporary.delete(dir);
    }
}
