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
import java.nio.charset.StandardCharsets;
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
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

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
        SqliteStore.open(loose).close();
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(loose.resolve("needleguard.db"), PosixFilePermissions.fromString("rw-r--r--"));

        try (SqliteStore reopened = SqliteStore.open(loose)) {
            assertEquals("rwx------", permissions(loose));
            assertEquals("rw-------", permissions(reopened.file()));
        }
    }

    @Test
    void aHistoryItsOwnerMadeReadOnlyIsReadAsItIsAndNeverMadeWritable() throws Exception {
        store.sessions().add(cheeks(1), List.of(SPACING), NOW);
        store.close();
        Path dir = dataDir();
        Path file = dir.resolve("needleguard.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            // A command that writes is told why it cannot, and how to allow it.
            StoreException refused = assertThrows(StoreException.class, () -> SqliteStore.open(dir));
            assertEquals(
                    "the data directory " + dir.toAbsolutePath() + " is read-only (r-x------) and this command writes"
                            + " to it; to record, make it writable: chmod u+w " + dir.toAbsolutePath() + " "
                            + file.toAbsolutePath() + " (as the user that owns it); to only look, 'needleguard"
                            + " history' and 'needleguard status' read it as it is",
                    refused.getMessage());
            assertEquals("r-x------", permissions(dir), "the directory stays read-only");
            assertEquals("r--------", permissions(file), "the history stays read-only");

            // A command that reads reads it, and leaves it as it is: no journal made beside it either.
            List<String> before;
            try (var listing = Files.list(dir)) {
                before = listing.map(p -> p.getFileName().toString()).sorted().toList();
            }
            try (SqliteStore reading = SqliteStore.openToRead(dir)) {
                assertEquals(
                        List.of(cheeks(1)),
                        reading.sessions().list(HistoryQuery.all()).stream()
                                .map(r -> r.session())
                                .toList());
                assertThrows(StoreException.class, () -> reading.sessions().add(cheeks(2), List.of(), NOW));
            }
            assertEquals("r-x------", permissions(dir));
            assertEquals("r--------", permissions(file));
            try (var listing = Files.list(dir)) {
                assertEquals(
                        before,
                        listing.map(p -> p.getFileName().toString()).sorted().toList());
            }

            // Open to others as well: tightened, which only takes permissions away.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-x---"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            SqliteStore.openToRead(dir).close();
            assertEquals("r-x------", permissions(dir));
            assertEquals("r--------", permissions(file));

            // Only the history read-only, in a directory that may be written: still never loosened.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            StoreException file400 = assertThrows(StoreException.class, () -> SqliteStore.open(dir));
            assertTrue(
                    file400.getMessage()
                            .startsWith("the history " + file.toAbsolutePath() + " is read-only (r--------)"),
                    file400.getMessage());
            try (SqliteStore reading = SqliteStore.openToRead(dir)) {
                assertEquals(1, reading.sessions().list(HistoryQuery.all()).size());
            }
            assertEquals("r--------", permissions(file));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            store = SqliteStore.open(dir);
        }
    }

    @Test
    void aLinkInPlaceOfTheHistoryIsRefusedAndWhatItPointsToIsLeftAlone() throws Exception {
        Path elsewhere = temp.resolve("elsewhere.txt");
        Files.writeString(elsewhere, "someone's notes");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-r--r--"));
        Path dir = temp.resolve("linked");
        Files.createDirectory(dir);
        Files.createSymbolicLink(dir.resolve("needleguard.db"), elsewhere);

        StoreException refused = assertThrows(StoreException.class, () -> SqliteStore.open(dir));
        assertTrue(
                refused.getMessage().startsWith(dir.resolve("needleguard.db") + " is a symbolic link;"),
                refused.getMessage());
        assertEquals("someone's notes", Files.readString(elsewhere));
        assertEquals("rw-r--r--", permissions(elsewhere));

        Files.delete(dir.resolve("needleguard.db"));
        Files.createSymbolicLink(dir.resolve("needleguard.db-wal"), elsewhere);
        assertTrue(assertThrows(StoreException.class, () -> SqliteStore.open(dir))
                .getMessage()
                .contains("needleguard.db-wal is a symbolic link"));

        Path linkedDir = temp.resolve("linked-dir");
        Files.createSymbolicLink(linkedDir, dir);
        assertTrue(assertThrows(StoreException.class, () -> SqliteStore.open(linkedDir))
                .getMessage()
                .startsWith(linkedDir + " is a symbolic link"));
        assertEquals("rwxr-xr-x", permissions(dir), "the directory it points to keeps its permissions");
    }

    @Test
    void anEmptyHistoryFileIsRefusedNotTakenForANewHistory() throws Exception {
        Path dir = temp.resolve("copied");
        Files.createDirectory(dir);
        Files.createFile(dir.resolve("needleguard.db"));
        StoreException refused = assertThrows(StoreException.class, () -> SqliteStore.open(dir));
        assertTrue(refused.getMessage().contains("is empty (0 bytes)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("restore your backup"), refused.getMessage());

        Files.delete(dir.resolve("needleguard.db"));
        SqliteStore.open(dir).close(); // a new one, made beside its name and moved into place
        assertTrue(Files.size(dir.resolve("needleguard.db")) > 0);
        assertTrue(Files.notExists(dir.resolve("needleguard.db.new")));
    }

    @Test
    void aFullDiskIsNamedAsSuchAndTheHistoryTakesWritesAgainOnceThereIsRoom() throws Exception {
        // The file system cannot be filled from a test without root: SQLite's page limit gives the same
        // error (SQLITE_FULL) the same way a full disk does.
        limitPages(pageCount());
        StoreException full = null;
        long counter = 1;
        for (; counter < 1_000 && full == null; counter++) {
            try {
                store.sessions().add(cheeks(counter), List.of(SPACING), NOW);
            } catch (StoreException e) {
                full = e;
            }
        }
        assertTrue(full != null, "the page limit was reached");
        assertTrue(full.getMessage().startsWith("disk full: " + dataDir().toAbsolutePath()), full.getMessage());
        assertTrue(full.getMessage().contains("nothing is lost"), full.getMessage());
        long stored = store.sessions().list(HistoryQuery.all()).size();
        assertEquals(counter - 2, stored, "the failed session is not half-stored");

        limitPages(1_000_000); // space again
        store.sessions().add(cheeks(counter), List.of(SPACING), NOW);
        assertEquals(stored + 1, store.sessions().list(HistoryQuery.all()).size());
    }

    @Test
    void whatFailedOnAFullDiskWorksAgainOnceThereIsRoom() throws Exception {
        limitPages(pageCount());
        // As MQTT's live findings do: a message queued in a unit of work of its own, on a full disk.
        byte[] payload = new byte[4000];
        StoreException full = null;
        for (int i = 0; i < 1_000 && full == null; i++) {
            try {
                store.outbox().add(new OutboundMessage("needleguard/P/alert", payload, 1, false));
            } catch (StoreException e) {
                full = e;
            }
        }
        assertTrue(full != null, "the page limit was reached");
        assertTrue(full.getMessage().startsWith("disk full: "), full.getMessage());
        int queued = store.outbox().size();

        limitPages(1_000_000); // room again: a unit of work commits whole, or not at all
        store.database().atomically(() -> {
            store.sessions().add(cheeks(1), List.of(), NOW);
            store.outbox().add(new OutboundMessage("needleguard/P/session", new byte[] {1}, 1, false));
            return null;
        });
        assertThrows(
                IllegalStateException.class,
                () -> store.database().atomically(() -> {
                    store.sessions().add(cheeks(2), List.of(), NOW);
                    throw new IllegalStateException("power cut");
                }));
        assertEquals(
                List.of(cheeks(1)),
                store.sessions().list(HistoryQuery.all()).stream()
                        .map(r -> r.session())
                        .toList());
        assertEquals(queued + 1, store.outbox().size());
        // The very statement that failed queues messages again (the driver had finalized it).
        store.outbox().add(new OutboundMessage("needleguard/P/alert", payload, 1, false));
        assertEquals(queued + 2, store.outbox().size());
    }

    @Test
    void aTransactionSqliteUndidItselfOnAFullDiskIsNoSecondFailure() {
        // On a full disk SQLite may undo the whole transaction itself, before needleguard does.
        StoreException full = assertThrows(
                StoreException.class,
                () -> store.database().atomically(() -> {
                    store.sessions().add(cheeks(1), List.of(), NOW);
                    return store.database().read("queue an MQTT message", c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("ROLLBACK");
                        }
                        throw new SQLiteException(
                                "[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL);
                    });
                }));
        assertTrue(full.getMessage().startsWith("disk full: "), full.getMessage());
        assertEquals(List.of(), List.of(full.getSuppressed()), "nothing suppressed: nothing was left to undo");
        assertTrue(store.sessions().find(cheeks(1).id()).isEmpty(), "not half-stored");

        store.sessions().add(cheeks(2), List.of(), NOW);
        assertEquals(1, store.sessions().list(HistoryQuery.all()).size(), "the next unit of work commits");
    }

    /** The pages the history has now: limited to these, the next write that needs one more finds the disk full. */
    private int pageCount() {
        return store.database().read("count pages", c -> {
            try (Statement s = c.createStatement();
                    var rs = s.executeQuery("PRAGMA page_count")) {
                return rs.getInt(1);
            }
        });
    }

    private void limitPages(int pages) {
        store.database().read("limit pages", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
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
        store.outbox()
                .add(new OutboundMessage("needleguard/P/session", "m1".getBytes(StandardCharsets.UTF_8), 1, false));
        store.close();
        store = SqliteStore.open(dataDir());
        assertEquals(
                List.of(SPACING, DEPTH),
                store.sessions().find(cheeks(1).id()).orElseThrow().findings());
        assertEquals("m1", new String(store.outbox().oldest(1).get(0).message().payload(), StandardCharsets.UTF_8));
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
