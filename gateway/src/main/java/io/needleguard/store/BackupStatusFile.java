package io.needleguard.store;

import io.needleguard.backup.BackupStatus;
import io.needleguard.backup.Frequency;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * How the running gateway's automatic backups stand, in {@code backup-status} in the data directory,
 * for {@code doctor} (another process) to read. Not in the history database: a backup that failed
 * because that database cannot be read must still be reported.
 */
public final class BackupStatusFile {

    public static final String FILE_NAME = "backup-status";

    private BackupStatusFile() {}

    static void write(Path dataDir, BackupStatus status) throws IOException {
        Properties p = new Properties();
        p.setProperty("schedule", status.frequency().id());
        status.lastSuccess().ifPresent(t -> p.setProperty("last-success", t.toString()));
        status.lastFile().ifPresent(f -> p.setProperty("last-file", f));
        status.failedAt().ifPresent(t -> p.setProperty("failed-at", t.toString()));
        status.failure().ifPresent(f -> p.setProperty("failure", f));
        StatusFiles.write(
                dataDir,
                FILE_NAME,
                p,
                "needleguard's automatic backups, for 'needleguard doctor'; written by 'needleguard run'");
    }

    /** The status the gateway last wrote in {@code dataDir}; empty if it wrote none (or it cannot be read). */
    public static Optional<BackupStatus> read(Path dataDir) {
        Optional<Properties> read = StatusFiles.read(dataDir, FILE_NAME);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Properties p = read.get();
        try {
            Optional<Instant> failedAt = instant(p, "failed-at");
            Optional<String> failure = Optional.ofNullable(p.getProperty("failure"));
            return Optional.of(new BackupStatus(
                    Frequency.fromId(p.getProperty("schedule", "")).orElse(Frequency.OFF),
                    instant(p, "last-success"),
                    Optional.ofNullable(p.getProperty("last-file")),
                    failure.isPresent() ? failedAt.or(() -> Optional.of(Instant.EPOCH)) : Optional.empty(),
                    failedAt.isPresent() || failure.isPresent()
                            ? failure.or(() -> Optional.of("unknown"))
                            : Optional.empty()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
