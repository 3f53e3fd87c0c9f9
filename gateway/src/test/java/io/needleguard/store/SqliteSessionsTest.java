package io.needleguard.store;

import io.needleguard.history.SessionHistoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionsTest extends SessionHistoryContract {

    @TempDir
    Path dir;

    @Override
    protected Store create() {
        SqliteStore store = SqliteStore.open(dir.resolve("data"));
        return new Store(store.sessions(), store.database(), store);
    }

    @Override
    protected Store reopen(Store open) throws Exception {
        open.closer().close();
        return create();
    }
}
