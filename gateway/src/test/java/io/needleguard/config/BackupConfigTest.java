package io.needleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.backup.BackupPlan;
import io.needleguard.backup.Frequency;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code backup:} in the configuration: off unless asked, where backups go, and mistakes named with their fix. */
class BackupConfigTest {

    private final ConfigLoader loader = new ConfigLoader(ZoneOffset.UTC, "pi");

    private GatewayConfig parse(String yaml) {
        return loader.parse("needleguard.yaml", yaml);
    }

    @Test
    void offUnlessConfiguredAndIntoTheDataDirectorysBackupsByDefault() {
        GatewayConfig none = parse("ble: {backend: sim}\n");
        assertEquals(Frequency.OFF, none.backup().schedule());
        BackupPlan plan = parse("backup: {schedule: daily}\n").backup().plan(Path.of("/var/lib/needleguard"));
        assertEquals(new BackupPlan(Frequency.DAILY, 14, Path.of("/var/lib/needleguard/backups")), plan);
        assertEquals(
                new BackupPlan(Frequency.WEEKLY, 4, Path.of("/media/usb/ng")),
                parse("backup: {schedule: weekly, keep: 4, directory: /media/usb/ng}\n")
                        .backup()
                        .plan(Path.of("/data")));
    }

    @Test
    void aMisspeltScheduleANumberOfBackupsOutOfRangeAndARelativeDirectoryAreRefused() {
        String message = assertThrows(
                        ConfigException.class, () -> parse("backup: {schedule: dialy, keep: 0, directory: backups}\n"))
                .getMessage();
        assertTrue(message.contains("backup.schedule: \"dialy\" is not a schedule (did you mean 'daily'?)"), message);
        assertTrue(message.contains("use one of: off, hourly, daily, weekly"), message);
        assertTrue(message.contains("backup.keep"), message);
        assertTrue(message.contains("backup.directory"), message);
        assertTrue(message.contains("absolute path"), message);
    }
}
