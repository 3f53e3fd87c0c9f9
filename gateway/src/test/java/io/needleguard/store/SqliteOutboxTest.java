package io.needleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.outbox.OutboxContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest extends OutboxContract {

    @TempDir
    Path dir;

    private SqliteStore store;

    @Override
    protected Outbox create() {
        store = SqliteStore.open(dir.resolve("data"));
        return store.outbox();
    }

    @Override
    protected AutoCloseable closer() {
        return store;
    }

    /** The kept count is the table's: undone with a rolled-back unit of work, moved by another process. */
    @Test
    void theCountFollowsRollbacksAndOtherProcesses() throws Exception {
        OutboundMessage m = new OutboundMessage("t", "x".getBytes(StandardCharsets.UTF_8), 1, false);
        outbox.add(m);
        assertThrows(
                IllegalStateException.class,
                () -> store.database().atomically(() -> {
                    outbox.add(m);
                    outbox.add(m);
                    throw new IllegalStateException("the session could not be stored");
                }));
        assertEquals(1, outbox.size());

        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                Statement s = other.createStatement()) {
            s.execute("INSERT INTO outbox (topic, payload, qos, retained) VALUES ('t', x'00', 1, 0)");
            s.execute("INSERT INTO outbox (topic, payload, qos, retained) VALUES ('t', x'00', 1, 0)");
        }
        assertEquals(3, outbox.size());
        outbox.acknowledge(outbox.oldest(10).stream().map(Outbox.Entry::id).toList());
        assertEquals(0, outbox.size());
    }
}
