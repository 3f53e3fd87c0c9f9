package io.needleguard.store;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code needleguard restore}: the same history back, and every file that cannot be restored refused with its fix. */
class HistoryRestoreTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    @TempDir
    Path temp;

    private Path backup;
    private List<RecordedSession> original;

    @BeforeEach
    void aHistoryAndItsBackup() {
        Path data = temp.resolve("original");
        try (SqliteStore store = SqliteStore.open(data)) {
            for (int i = 1; i <= 3; i++) {
                store.sessions()
                        .add(
                                session("SIM-0001", i, "2026-01-0" + i + "T18:00:00Z", Area.CHEEKS, "0.5", "C-" + i),
                                List.of(new Finding("spacing.min-interval", Severity.CRITICAL, "soon", "[P]", NOW)),
                                NOW);
            }
            store.areas().chooseArea("SIM-0001", Area.NECK, NOW);
            original = store.sessions().list(HistoryQuery.all());
        }
        backup = HistoryBackup.make(data, temp.resolve("backup.db")).file();
    }

    private static List<RecordedSession> sessions(Path dir) {
        try (SqliteStore store = SqliteStore.open(dir)) {
            return store.sessions().list(HistoryQuery.all());
        }
    }

    @Test
    void intoAnEmptyDirectoryItIsTheSameHistoryOwnerOnly() throws Exception {
        Path target = temp.resolve("new-pi");
        HistoryRestore.Restored restored = HistoryRestore.restore(backup, target, false, NOW);

        assertEquals(3, restored.contents().rows("session"));
        assertEquals(original, sessions(target));
        try (SqliteStore store = SqliteStore.open(target)) {
            assertEquals(Area.NECK, store.areas().chosenArea("SIM-0001").orElseThrow());
        }
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("needleguard.db"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void overAHistoryOnlyWithReplaceAndTheOldOneIsKeptAsideWhole() {
        Path target = temp.resolve("data");
        try (SqliteStore store = SqliteStore.open(target)) {
            store.sessions().add(session("SIM-0009", 1, "2026-01-20T18:00:00Z", Area.NECK, "0.25", ""), List.of(), NOW);
        }
        RefusedFile refused = assertThrows(RefusedFile.class, () -> HistoryRestore.restore(backup, target, false, NOW));
        assertTrue(refused.getMessage().contains("already holds a history"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--replace"), refused.getMessage());
        assertEquals(1, sessions(target).size(), "nothing changed");

        HistoryRestore.Restored restored = HistoryRestore.restore(backup, target, true, NOW);

        assertEquals(original, sessions(target));
        Path aside = restored.asideTo().orElseThrow();
        assertEquals(target.resolve("replaced-20260201-120000"), aside);
        assertEquals("SIM-0009:1", sessions(aside).get(0).session().id().toString(), "the replaced history, whole");
    }

    @Test
    void aFileFromANewerNeedleguardIsRefusedAndNothingChanges() throws Exception {
        try (Connection c = SqliteConnections.open(backup);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
        }
        Path target = temp.resolve("data");
        RefusedFile e = assertThrows(RefusedFile.class, () -> HistoryRestore.restore(backup, target, false, NOW));
        assertTrue(e.getMessage().contains("written by a newer needleguard"), e.getMessage());
        assertTrue(e.getMessage().contains("install that needleguard"), e.getMessage());
        assertFalse(Files.exists(target.resolve("needleguard.db")));
    }

    @Test
    void aDamagedFileIsRefused() throws Exception {
        // A page in the middle overwritten: SQLite's integrity check finds it.
        long size = Files.size(backup);
        try (RandomAccessFile f = new RandomAccessFile(backup.toFile(), "rw")) {
            f.seek(size / 2);
            f.write(new byte[4096]);
        }
        Path target = temp.resolve("data");
        RefusedFile e = assertThrows(RefusedFile.class, () -> HistoryRestore.restore(backup, target, false, NOW));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("Restore an older backup"), e.getMessage());
        assertFalse(Files.exists(target.resolve("needleguard.db")));

        Path notSqlite = Files.writeString(temp.resolve("notes.db"), "shopping list: needles, serum");
        RefusedFile text = assertThrows(RefusedFile.class, () -> HistoryRestore.restore(notSqlite, target, false, NOW));
        assertTrue(text.getMessage().contains("not an SQLite database"), text.getMessage());
    }

    @Test
    void whileAGatewayHoldsTheDirectoryItIsRefused() {
        Path target = temp.resolve("data");
        try (DataDirectoryLock running = DataDirectoryLock.acquire(target)) {
            DataDirectoryLock.InUse e = assertThrows(
                    DataDirectoryLock.InUse.class, () -> HistoryRestore.restore(backup, target, true, NOW));
            assertTrue(e.getMessage().contains("stop it first"), e.getMessage());
        }
        assertFalse(Files.exists(target.resolve("needleguard.db")));
    }
}
