package io.needleguard.store;

import io.needleguard.outbox.AnnouncedPens;
import io.needleguard.outbox.AnnouncedPensContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteAnnouncedPensTest extends AnnouncedPensContract {

    @TempDir
    Path dir;

    private SqliteStore store;

    @Override
    protected AnnouncedPens create() {
        store = SqliteStore.open(dir.resolve("data"));
        return store.announced();
    }

    @Override
    protected AutoCloseable closer() {
        return store;
    }
}
