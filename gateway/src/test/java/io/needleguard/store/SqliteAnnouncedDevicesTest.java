package io.needleguard.store;

import io.needleguard.outbox.AnnouncedDevices;
import io.needleguard.outbox.AnnouncedDevicesContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.io.TempDir;

class SqliteAnnouncedDevicesTest extends AnnouncedDevicesContract {

    @TempDir
    Path dir;

    private SqliteStore store;

    @Override
    protected AnnouncedDevices create() {
        store = SqliteStore.open(dir.resolve("data"));
        return store.announced();
    }

    /** As a database the first versions wrote holds it. */
    @Override
    protected void announcedTheOldWay(String serial) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                PreparedStatement insert = c.prepareStatement("INSERT INTO announced_pen (pen) VALUES (?)")) {
            insert.setString(1, serial);
            insert.executeUpdate();
        }
    }

    @Override
    protected AutoCloseable closer() {
        return store;
    }
}
