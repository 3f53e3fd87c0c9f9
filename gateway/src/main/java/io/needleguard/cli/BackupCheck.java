package io.needleguard.cli;

import io.needleguard.backup.BackupPlan;
import io.needleguard.backup.BackupStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** {@code doctor}'s line about the automatic backups: configured, where, and how the running gateway's last ones went. */
final class BackupCheck {

    private static final String NAME = "backup";

    private BackupCheck() {}

    /**
     * @param status what the running gateway last wrote (empty: it has made no attempt yet)
     */
    static DoctorCommand.Check of(BackupPlan plan, Optional<BackupStatus> status, Instant now) {
        if (!plan.enabled()) {
            return DoctorCommand.Check.ok(
                    NAME,
                    "no automatic backups (backup.schedule: off); 'needleguard backup' makes one, or set backup.schedule:"
                            + " daily in the configuration");
        }
        Path dir = plan.directory();
        if (Files.exists(dir) && !(Files.isDirectory(dir) && Files.isWritable(dir))) {
            return DoctorCommand.Check.failed(
                    NAME,
                    dir + " is not a directory needleguard can write to",
                    "give the user who runs needleguard a directory there (sudo install -d -m 700 -o needleguard " + dir
                            + "), or set backup.directory to another one");
        }
        if (!Files.exists(dir) && !dir.endsWith(BackupPlan.DEFAULT_DIRECTORY)) {
            return DoctorCommand.Check.failed(
                    NAME,
                    dir + " (backup.directory) does not exist: is the USB stick or the network share mounted?",
                    "mount it (or create the directory for the user who runs needleguard), or set backup.directory to"
                            + " a directory that exists");
        }
        Optional<BackupStatus> failing = status.filter(BackupStatus::failing);
        if (failing.isPresent()) {
            BackupStatus s = failing.get();
            return DoctorCommand.Check.failed(
                    NAME,
                    "the automatic backup failed at " + local(s.failedAt().orElseThrow()) + ": "
                            + s.failure().orElseThrow()
                            + s.lastSuccess()
                                    .map(t -> "; the last one made is from " + local(t))
                                    .orElse("; none made yet"),
                    "fix what the message says; 'needleguard backup' tries one now, and the gateway tries again within"
                            + " the hour");
        }
        Optional<Instant> last = status.flatMap(BackupStatus::lastSuccess);
        Duration late = plan.frequency().interval().multipliedBy(2).plusHours(1);
        if (last.isPresent() && last.get().plus(late).isBefore(now)) {
            return DoctorCommand.Check.failed(
                    NAME,
                    "the last automatic backup is from " + local(last.get()) + ", older than backup.schedule: "
                            + plan.frequency() + " says",
                    "check that the gateway runs (sudo systemctl status needleguard) and what its log says about backups");
        }
        return DoctorCommand.Check.ok(
                NAME,
                plan.describe() + "; "
                        + last.map(t -> "last " + local(t) + " ("
                                        + status.get().lastFile().orElse("") + ")")
                                .orElse("none made yet: the running gateway makes the first when it starts"));
    }

    private static String local(Instant t) {
        return t.atZone(ZoneId.systemDefault())
                .toLocalDateTime()
                .withNano(0)
                .toString()
                .replace('T', ' ');
    }
}
