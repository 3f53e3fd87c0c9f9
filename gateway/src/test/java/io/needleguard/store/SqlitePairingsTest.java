package io.needleguard.store;

import io.needleguard.pairing.PairedPens;
import io.needleguard.pairing.PairedPensContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqlitePairingsTest extends PairedPensContract {

    @TempDir
    Path dir;

    private SqliteStore store;

    @Override
    protected PairedPens create() {
        store = SqliteStore.open(dir.resolve("data"));
        return store.pairings();
    }

    @Override
    protected AutoCloseable closer() {
        return store;
    }
}
