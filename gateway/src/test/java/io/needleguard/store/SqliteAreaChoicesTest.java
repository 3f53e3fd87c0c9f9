package io.needleguard.store;

import io.needleguard.history.AreaChoices;
import io.needleguard.history.AreaChoicesContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteAreaChoicesTest extends AreaChoicesContract {

    @TempDir
    Path dir;

    private SqliteStore store;

    @Override
    protected AreaChoices create() {
        store = SqliteStore.open(dir.resolve("data"));
        return store.areas();
    }

    @Override
    protected AutoCloseable closer() {
        return store;
    }
}
