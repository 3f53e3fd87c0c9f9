package io.needleguard.store;

import io.needleguard.outbox.Outbox;
import io.needleguard.outbox.OutboxContract;
import java.nio.file.Path;
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
}
