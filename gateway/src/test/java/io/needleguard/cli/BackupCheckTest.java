package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.backup.BackupPlan;
import io.needleguard.backup.BackupStatus;
import io.needleguard.backup.Frequency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's backup line: a failing backup, a directory that is not there, a backup too old; each with its fix. */
class BackupCheckTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path temp;

    private BackupPlan daily(Path dir) {
        return new BackupPlan(Frequency.DAILY, 14, dir);
    }

    @Test
    void aFailingAutomaticBackupFailsTheCheckWithItsReason() {
        BackupStatus failing = new BackupStatus(
                Frequency.DAILY,
                Optional.of(NOW.minus(Duration.ofDays(2))),
                Optional.of("needleguard-20260308-120000.db"),
                Optional.of(NOW.minus(Duration.ofHours(1))),
                Optional.of("disk full: /media/usb has no room for the backup"));
        DoctorCommand.Check check = BackupCheck.of(daily(temp), Optional.of(failing), NOW);
        assertFalse(check.ok());
        assertTrue(check.line().startsWith("FAIL backup: the automatic backup failed at "), check.line());
        assertTrue(check.line().contains("disk full: /media/usb has no room"), check.line());
        assertTrue(check.line().contains("the last one made is from"), check.line());
        assertTrue(check.line().contains("fix: "), check.line());
    }

    @Test
    void aConfiguredDirectoryThatIsNotThereFailsAndTheDefaultOneIsMadeWhenNeeded() {
        DoctorCommand.Check usb = BackupCheck.of(daily(temp.resolve("usb-stick")), Optional.empty(), NOW);
        assertFalse(usb.ok());
        assertTrue(usb.line().contains("is the USB stick or the network share mounted?"), usb.line());

        DoctorCommand.Check fresh = BackupCheck.of(daily(temp.resolve("data/backups")), Optional.empty(), NOW);
        assertTrue(fresh.ok(), fresh.line());
        assertTrue(fresh.line().contains("none made yet"), fresh.line());
    }

    @Test
    void aLastBackupOlderThanTheScheduleFailsAndARecentOneIsOk() throws Exception {
        Files.createDirectories(temp.resolve("b"));
        BackupStatus old = BackupStatus.none(Frequency.DAILY);
        old = new BackupStatus(
                Frequency.DAILY,
                Optional.of(NOW.minus(Duration.ofDays(4))),
                Optional.of("needleguard-20260306-120000.db"),
                Optional.empty(),
                Optional.empty());
        DoctorCommand.Check stale = BackupCheck.of(daily(temp.resolve("b")), Optional.of(old), NOW);
        assertFalse(stale.ok());
        assertTrue(stale.line().contains("older than backup.schedule: daily says"), stale.line());

        BackupStatus recent = new BackupStatus(
                Frequency.DAILY,
                Optional.of(NOW.minus(Duration.ofHours(3))),
                Optional.of("needleguard-20260310-090000.db"),
                Optional.empty(),
                Optional.empty());
        DoctorCommand.Check ok = BackupCheck.of(daily(temp.resolve("b")), Optional.of(recent), NOW);
        assertTrue(ok.ok(), ok.line());
        assertTrue(ok.line().contains("(needleguard-20260310-090000.db)"), ok.line());
        assertTrue(BackupCheck.of(new BackupPlan(Frequency.OFF, 14, temp), Optional.empty(), NOW)
                .ok());
    }
}
