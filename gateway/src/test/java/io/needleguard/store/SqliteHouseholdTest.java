package io.needleguard.store;

import io.needleguard.household.HouseholdChangesContract;
import io.needleguard.household.HouseholdRecords;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteHouseholdTest extends HouseholdChangesContract {

    @TempDir
    Path dir;

    private SqliteStore store;

    @Override
    protected HouseholdRecords create() {
        store = SqliteStore.open(dir.resolve("data"));
        return store.household();
    }

    @Override
    protected AutoCloseable closer() {
        return store == null ? () -> {} : store;
    }
}
