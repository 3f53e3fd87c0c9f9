package io.needleguard.store;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history database as a file: permissions, journal, schema, reopening, units of work across ports, the change signal. */
class SqliteDatabaseTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final Finding SPACING =
            new Finding("spacing.min-interval", Severity.WARNING, "too soon", "[P]", NOW);
    private static final Finding DEPTH = new Finding("depth.home-limit", Severity.CRITICAL, "1.50 mm", "[M]", null);

    @TempDir
    Path temp;

    private SqliteStore store;

    private Path dataDir() {
        return temp.resolve("data");
    }

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Session cheeks(long counter) {
        return session("SIM-0001", counter, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-" + counter);
    }

    @Test
    void createsTheDirectoryAndEveryDatabaseFileOwnerOnly() throws Exception {
        store.sessions().add(cheeks(1), List.of(SPACING), NOW);

        assertEquals("rwx------", permissions(dataDir()));
        assertEquals("rw-------", permissions(dataDir().resolve("needleguard.db")));
        assertEquals("rw-------", permissions(dataDir().resolve("needleguard.db-wal")));
        assertEquals("rw-------", permissions(dataDir().resolve("needleguard.db-shm")));
    }

    @Test
    void tightensAnExistingLooseDirectoryAndFile() throws Exception {
        Path loose = temp.resolve("loose");
        Files.createDirectory(
                loose, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(
                loose.resolve("needleguard.db"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        try (SqliteStore reopened = SqliteStore.open(loose)) {
            assertEquals("rwx------", permissions(loose));
            assertEquals("rw-------", permissions(reopened.file()));
        }
    }

    @Test
    void usesTheWriteAheadLog() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("needleguard.db"));
                Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA journal_mode")) {
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void keepsEverythingAcrossCloseAndReopen() {
        store.sessions().add(cheeks(1), List.of(SPACING, DEPTH), NOW);
        store.outbox().add(new OutboundMessage("needleguard/P/session", "m1".getBytes(), 1, false));
        store.close();
        store = SqliteStore.open(dataDir());
        assertEquals(
                List.of(SPACING, DEPTH),
                store.sessions().find(cheeks(1).id()).orElseThrow().findings());
        assertEquals("m1", new String(store.outbox().oldest(1).get(0).message().payload()));
    }

    @Test
    void aNewDatabaseIsAtTheLatestSchemaVersionAndReopeningChangesNothing() throws Exception {
        store.sessions().add(cheeks(1), List.of(), NOW);
        store.close();
        store = SqliteStore.open(dataDir());
        assertEquals(Migrations.latest(), userVersion());
        assertEquals(1, store.sessions().list(HistoryQuery.all()).size());
    }

    @Test
    void refusesADatabaseFromANewerNeedleguard() throws Exception {
        store.close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("needleguard.db"));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dataDir()));
        assertTrue(
                e.getMessage().contains("schema version 99, newer than this needleguard understands"), e.getMessage());
        assertTrue(e.getMessage().contains("upgrade needleguard"), e.getMessage());
        store = SqliteStore.open(temp.resolve("other"));
    }

    @Test
    void refusesAFileThatIsNotADatabaseAndSaysWhatToDo() throws Exception {
        Path garbage = temp.resolve("garbage");
        Files.createDirectories(garbage);
        Files.writeString(garbage.resolve("needleguard.db"), "these are my notes, not a database, sorry ".repeat(100));
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(garbage));
        assertTrue(e.getMessage().contains("is not a needleguard history database"), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    @Test
    void aSessionAndItsMessagesAreStoredTogetherOrNotAtAll() {
        assertThrows(
                IllegalStateException.class,
                () -> store.database().atomically(() -> {
                    store.sessions().add(cheeks(1), List.of(), NOW);
                    store.outbox().add(new OutboundMessage("needleguard/P/session", new byte[] {1}, 1, false));
                    throw new IllegalStateException("power cut");
                }));
        assertTrue(store.sessions().find(cheeks(1).id()).isEmpty());
        assertEquals(0, store.outbox().size());

        store.database().atomically(() -> {
            store.sessions().add(cheeks(1), List.of(), NOW);
            store.outbox().add(new OutboundMessage("needleguard/P/session", new byte[] {1}, 1, false));
            return null;
        });
        assertTrue(store.sessions().find(cheeks(1).id()).isPresent());
        assertEquals(1, store.outbox().size());
    }

    @Test
    void aReaderSeesWhatAWriterCommitted() {
        store.sessions().add(cheeks(1), List.of(), NOW);
        try (SqliteStore reader = SqliteStore.open(dataDir())) {
            assertEquals(1, reader.sessions().list(HistoryQuery.all()).size());
            store.database().atomically(() -> store.sessions().add(cheeks(2), List.of(SPACING), NOW));
            assertEquals(2, reader.sessions().list(HistoryQuery.all()).size());
        }
    }

    @Test
    void theChangeSignalMovesForAnotherProcessesCommitsOnly() {
        long before = store.database().version();
        store.sessions().add(cheeks(1), List.of(), NOW);
        store.areas().chooseArea("SIM-0001", Area.NOSE, NOW);
        assertEquals(before, store.database().version(), "this connection's own commits do not count");

        try (SqliteStore other = SqliteStore.open(dataDir())) {
            other.areas().chooseArea("SIM-0001", Area.FOREHEAD, NOW);
        }
        long after = store.database().version();
        assertNotEquals(before, after, "another connection's commit is seen");
        assertEquals(after, store.database().version(), "and seen once");
    }

    @Test
    void saysSoWhenUsedAfterClose() {
        store.close();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> store.sessions().list(HistoryQuery.all()));
        assertTrue(e.getMessage().contains("is closed"));
        store = SqliteStore.open(temp.resolve("other"));
    }

    private int userVersion() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("needleguard.db"));
                Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
