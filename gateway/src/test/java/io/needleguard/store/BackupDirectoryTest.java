package io.needleguard.store;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.backup.AutomaticBackups;
import io.needleguard.backup.BackupPlan;
import io.needleguard.backup.BackupStatus;
import io.needleguard.backup.Frequency;
import io.needleguard.session.Area;
import io.needleguard.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic backups of a real history into a real directory: names, what is kept, the status doctor reads. */
class BackupDirectoryTest {

    private static final Instant START = Instant.parse("2026-03-01T03:00:00Z");

    @TempDir
    Path temp;

    @Test
    void dailyBackupsAreNamedByTheirTimeTheNewestKeptAndOtherFilesLeftAlone() throws Exception {
        Path data = temp.resolve("data");
        Path dir = temp.resolve("usb");
        try (SqliteStore store = SqliteStore.open(data)) {
            store.sessions()
                    .add(session("SIM-0001", 1, "2026-02-28T18:00:00Z", Area.CHEEKS, "0.5", ""), List.of(), START);
        }
        Files.createDirectories(dir);
        Path mine = Files.writeString(dir.resolve("needleguard-before-upgrade.db"), "a backup I named");
        TestClock clock = new TestClock(START);
        BackupDirectory backups = new BackupDirectory(data, dir);
        try (AutomaticBackups automatic =
                new AutomaticBackups(new BackupPlan(Frequency.DAILY, 2, dir), backups, clock, s -> {})) {
            for (int day = 0; day < 4; day++) {
                automatic.runIfDue();
                clock.advance(Duration.ofDays(1));
            }
        }
        assertEquals(
                List.of(dir.resolve("needleguard-20260303-030000.db"), dir.resolve("needleguard-20260304-030000.db")),
                backups.list());
        assertTrue(Files.exists(mine), "a file needleguard did not name is never deleted");
        for (Path b : backups.list()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
        }
        BackupStatus status = BackupStatusFile.read(data).orElseThrow();
        assertEquals(Optional.of("needleguard-20260304-030000.db"), status.lastFile());
        assertEquals(Optional.of(START.plus(Duration.ofDays(3))), status.lastSuccess());
        assertEquals(Frequency.DAILY, status.frequency());
    }

    @Test
    void aDirectoryThatIsGoneIsAFailureKeptForDoctorWithWhatToDo() throws Exception {
        Path data = temp.resolve("data");
        SqliteStore.open(data).close();
        Path notMounted = temp.resolve("not-a-dir");
        Files.writeString(notMounted, "a file where the directory should be");
        TestClock clock = new TestClock(START);
        try (AutomaticBackups automatic = new AutomaticBackups(
                new BackupPlan(Frequency.DAILY, 14, notMounted),
                new BackupDirectory(data, notMounted),
                clock,
                s -> {})) {
            automatic.runIfDue();
        }
        BackupStatus status = BackupStatusFile.read(data).orElseThrow();
        assertTrue(status.failing());
        assertTrue(status.failure().orElseThrow().contains("cannot write the backup " + notMounted), status.toString());
        assertTrue(status.failure().orElseThrow().contains("mounted?"), status.toString());
    }
}
