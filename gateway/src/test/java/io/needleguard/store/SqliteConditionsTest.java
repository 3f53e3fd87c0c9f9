package io.needleguard.store;

import io.needleguard.history.ConditionHistory;
import io.needleguard.history.ConditionHistoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteConditionsTest extends ConditionHistoryContract {

    @TempDir
    Path dir;

    private SqliteStore store;

    @Override
    protected ConditionHistory create() {
        store = SqliteStore.open(dir.resolve("data"));
        return store.conditions();
    }

    @Override
    protected AutoCloseable closer() {
        return store;
    }
}
