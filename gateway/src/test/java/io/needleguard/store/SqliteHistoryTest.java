package io.needleguard.store;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.SessionHistory;
import io.needleguard.history.SessionHistoryContract;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHistoryTest extends SessionHistoryContract {

    @TempDir
    Path temp;

    private Path dataDir() {
        return temp.resolve("data");
    }

    @Override
    protected SessionHistory create() {
        return SqliteHistory.open(dataDir());
    }

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    private static Session cheeks(long counter) {
        return session("SIM-0001", counter, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-" + counter);
    }

    @Test
    void createsTheDirectoryAndEveryDatabaseFileOwnerOnly() throws Exception {
        history.add(cheeks(1), List.of(SPACING), NOW);

        assertEquals("rwx------", permissions(dataDir()));
        assertEquals("rw-------", permissions(dataDir().resolve("needleguard.db")));
        assertEquals("rw-------", permissions(dataDir().resolve("needleguard.db-wal")));
        assertEquals("rw-------", permissions(dataDir().resolve("needleguard.db-shm")));
    }

    @Test
    void tightensAnExistingLooseDirectoryAndFile() throws Exception {
        history.close();
        Path loose = temp.resolve("loose");
        Files.createDirectory(loose, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(loose.resolve("needleguard.db"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        try (SqliteHistory reopened = SqliteHistory.open(loose)) {
            assertEquals("rwx------", permissions(loose));
            assertEquals("rw-------", permissions(reopened.file()));
        }
    }

    @Test
    void usesTheWriteAheadLog() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("needleguard.db"));
             Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void keepsSessionsAcrossCloseAndReopen() {
        history.add(cheeks(1), List.of(SPACING, DEPTH), NOW);
        history.close();
        history = SqliteHistory.open(dataDir());
        assertEquals(List.of(SPACING, DEPTH), history.find(cheeks(1).id()).orElseThrow().findings());
    }

    @Test
    void aNewDatabaseIsAtTheLatestSchemaVersionAndReopeningChangesNothing() throws Exception {
        history.add(cheeks(1), List.of(), NOW);
        history.close();
        history = SqliteHistory.open(dataDir());
        assertEquals(Migrations.latest(), userVersion());
        assertEquals(1, history.list(HistoryQuery.all()).size());
    }

    @Test
    void refusesADatabaseFromANewerNeedleguard() throws Exception {
        history.close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("needleguard.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteHistory.open(dataDir()));
        assertTrue(e.getMessage().contains("schema version 99, newer than this needleguard understands"), e.getMessage());
        assertTrue(e.getMessage().contains("upgrade needleguard"), e.getMessage());
        history = SqliteHistory.open(temp.resolve("other"));
    }

    @Test
    void refusesAFileThatIsNotADatabaseAndSaysWhatToDo() throws Exception {
        Path garbage = temp.resolve("garbage");
        Files.createDirectories(garbage);
        Files.writeString(garbage.resolve("needleguard.db"), "these are my notes, not a database, sorry ".repeat(100));
        StoreException e = assertThrows(StoreException.class, () -> SqliteHistory.open(garbage));
        assertTrue(e.getMessage().contains("is not a needleguard history database"), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    @Test
    void aReaderSeesWhatAWriterCommitted() {
        history.add(cheeks(1), List.of(), NOW);
        try (SqliteHistory reader = SqliteHistory.open(dataDir())) {
            assertEquals(1, reader.list(HistoryQuery.all()).size());
            history.atomically(() -> history.add(cheeks(2), List.of(SPACING), NOW));
            assertEquals(2, reader.list(HistoryQuery.all()).size());
        }
    }

    @Test
    void saysSoWhenUsedAfterClose() {
        history.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> history.list(HistoryQuery.all()));
        assertTrue(e.getMessage().contains("is closed"));
        history = SqliteHistory.open(temp.resolve("other"));
    }

    private int userVersion() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("needleguard.db"));
             Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theOutboxKeepsMessagesInOrderAcrossRestartsUntilAcknowledged() {
        SqliteHistory store = (SqliteHistory) history;
        for (int i = 1; i <= 3; i++) {
            store.add(new io.needleguard.outbox.OutboundMessage("needleguard/P/session", ("m" + i).getBytes(), 1, false));
        }
        store.close();
        history = SqliteHistory.open(dataDir());
        store = (SqliteHistory) history;
        List<io.needleguard.outbox.Outbox.Entry> waiting = store.oldest(10);
        assertEquals(List.of("m1", "m2", "m3"), waiting.stream().map(e -> new String(e.message().payload())).toList());
        store.acknowledge(waiting.get(0).id());
        assertEquals(2, store.size());
        assertEquals("m2", new String(store.oldest(1).get(0).message().payload()));
    }

    @Test
    void aSessionAndItsMessagesAreStoredTogetherOrNotAtAll() {
        SqliteHistory store = (SqliteHistory) history;
        assertThrows(IllegalStateException.class, () -> store.atomically(() -> {
            store.add(cheeks(1), List.of(), NOW);
            store.add(new io.needleguard.outbox.OutboundMessage("needleguard/P/session", new byte[] {1}, 1, false));
            throw new IllegalStateException("power cut");
        }));
        assertTrue(store.find(cheeks(1).id()).isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void remembersThePensAnnouncedToHomeAssistant() {
        SqliteHistory store = (SqliteHistory) history;
        store.markAnnounced("A");
        store.markAnnounced("B");
        store.markAnnounced("A");
        store.markWithdrawn("B");
        assertEquals(java.util.Set.of("A"), store.announced());
    }
}
