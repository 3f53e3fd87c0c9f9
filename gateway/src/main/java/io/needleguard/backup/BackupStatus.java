package io.needleguard.backup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the automatic backups stand: the last one made, and the last failure if the latest attempt
 * failed. Shown by {@code doctor}, the dashboard and the gateway's MQTT state.
 *
 * @param lastSuccess when the last backup was made
 * @param lastFile    its file name
 * @param failedAt    when the latest attempt failed; empty once one succeeds again
 * @param failure     why it failed, with the fix
 */
public record BackupStatus(
        Frequency frequency,
        Optional<Instant> lastSuccess,
        Optional<String> lastFile,
        Optional<Instant> failedAt,
        Optional<String> failure) {

    public static final BackupStatus OFF =
            new BackupStatus(Frequency.OFF, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public BackupStatus {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(lastFile, "lastFile");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(failure, "failure");
        if (failedAt.isPresent() != failure.isPresent()) {
            throw new IllegalArgumentException("a failure has a time and a reason, or neither");
        }
    }

    /** Nothing made yet, nothing failed. */
    public static BackupStatus none(Frequency frequency) {
        return new BackupStatus(frequency, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean failing() {
        return failure.isPresent();
    }

    BackupStatus succeeded(Instant at, String file) {
        return new BackupStatus(frequency, Optional.of(at), Optional.of(file), Optional.empty(), Optional.empty());
    }

    BackupStatus failed(Instant at, String why) {
        return new BackupStatus(frequency, lastSuccess, lastFile, Optional.of(at), Optional.of(why));
    }
}
