package io.needleguard.store;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code needleguard backup}: a consistent, checked, owner-only copy, also while another connection records. */
class HistoryBackupTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    @TempDir
    Path temp;

    /** One session with one finding and one MQTT message, in one transaction, as the recorder writes them. */
    private static void record(SqliteStore store, int counter) {
        store.database().atomically(() -> {
            store.sessions()
                    .add(
                            session("SIM-0001", counter, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-" + counter),
                            List.of(new Finding("depth.home-limit", Severity.WARNING, "deep", "[M]", null)),
                            NOW);
            store.outbox()
                    .add(new OutboundMessage(
                            "needleguard/SIM-0001/session",
                            ("{\"n\":" + counter + "}").getBytes(StandardCharsets.UTF_8),
                            1,
                            false));
            return null;
        });
    }

    private static long count(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return rs.getLong(1);
        }
    }

    @Test
    void aBackupMadeWhileAnotherConnectionRecordsIsOneConsistentSnapshotAndChecked() throws Exception {
        Path data = temp.resolve("data");
        try (SqliteStore writer = SqliteStore.open(data)) {
            record(writer, 1);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger(1);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread recording = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        record(writer, written.incrementAndGet());
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            recording.start();
            List<HistoryBackup.Made> backups = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    backups.add(HistoryBackup.make(data, temp.resolve("backups").resolve("b" + i + ".db")));
                }
            } finally {
                stop.set(true);
                recording.join();
            }
            assertEquals(null, failed.get(), "recording went on beside the backups");
            assertTrue(written.get() > 5, "sessions were recorded while backing up: " + written.get());
            for (HistoryBackup.Made made : backups) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made.file())));
                assertFalse(Files.exists(made.file().resolveSibling(made.file().getFileName() + "-wal")));
                try (Connection c = SqliteConnections.open(made.file())) {
                    long sessions = count(c, "session");
                    // A session, its finding and its message commit together: a torn copy would differ.
                    assertEquals(sessions, count(c, "finding"), made.file().toString());
                    assertEquals(sessions, count(c, "outbox"), made.file().toString());
                    assertEquals(sessions, made.contents().rows("session"));
                    assertEquals("ok", SqliteConnections.integrity(c));
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                        assertEquals("delete", rs.getString(1), "one self-contained file");
                    }
                }
            }
        }
    }

    @Test
    void itRefusesATargetThatExistsAndADirectoryWithoutAHistory() throws Exception {
        Path data = temp.resolve("data");
        try (SqliteStore store = SqliteStore.open(data)) {
            record(store, 1);
        }
        Path taken = Files.writeString(temp.resolve("taken.db"), "mine");
        RefusedFile exists = assertThrows(RefusedFile.class, () -> HistoryBackup.make(data, taken));
        assertTrue(exists.getMessage().contains("exists already"), exists.getMessage());
        assertEquals("mine", Files.readString(taken), "nothing was overwritten");

        RefusedFile none =
                assertThrows(RefusedFile.class, () -> HistoryBackup.make(temp.resolve("empty"), temp.resolve("x.db")));
        assertTrue(none.getMessage().contains("no history in"), none.getMessage());
        assertFalse(Files.exists(temp.resolve("x.db")));
    }

    @Test
    void aBackupThatCannotBeWrittenLeavesNothingBehindAndSaysWhere() throws Exception {
        Path data = temp.resolve("data");
        try (SqliteStore store = SqliteStore.open(data)) {
            record(store, 1);
        }
        // Where the directory should be is a file (a USB stick's mount point gone wrong): not even root writes there.
        Path notADirectory = Files.writeString(temp.resolve("usb"), "a file");
        Path target = notADirectory.resolve("b.db");
        StoreException e = assertThrows(StoreException.class, () -> HistoryBackup.make(data, target));
        assertTrue(e.getMessage().startsWith("cannot write the backup " + target), e.getMessage());
        assertTrue(e.getMessage().contains("mounted?"), e.getMessage());
        assertEquals("a file", Files.readString(notADirectory));
        try (var left = Files.list(temp)) {
            assertEquals(
                    List.of(),
                    left.filter(p -> p.getFileName().toString().contains("partial"))
                            .toList());
        }
    }
}
