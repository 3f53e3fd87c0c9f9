package io.needleguard.backup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The configured automatic backups: how often, how many to keep, and where.
 *
 * @param directory where they go: the data directory's {@code backups/} unless configured (a USB stick,
 *                  a NAS mount)
 */
public record BackupPlan(Frequency frequency, int keep, Path directory) {

    /** Two weeks of daily backups: the example configuration's choice. */
    public static final int DEFAULT_KEEP = 14;

    /** The name of the directory in the data directory that holds backups unless another is configured. */
    public static final String DEFAULT_DIRECTORY = "backups";

    public BackupPlan {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(directory, "directory");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, not " + keep);
        }
    }

    public boolean enabled() {
        return frequency != Frequency.OFF;
    }

    /** {@code daily into /var/lib/needleguard/backups, the newest 14 kept}. */
    public String describe() {
        return enabled() ? frequency + " into " + directory + ", the newest " + keep + " kept" : "off";
    }
}
