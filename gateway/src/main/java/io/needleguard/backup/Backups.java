package io.needleguard.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port to the backups of one history in one directory: the store makes them (a consistent copy
 * of a live database, checked before it is kept) and keeps what {@code doctor} reads in another process.
 */
public interface Backups {

    /** A backup made and checked. */
    record Made(String file, String contents) {}

    /** When the newest backup in the directory was made, if there is one. */
    Optional<Instant> newest();

    /**
     * Makes a backup named for {@code at}, checks it, and keeps it.
     *
     * @throws RuntimeException with a message that says what went wrong and the fix
     */
    Made make(Instant at);

    /** Deletes all but the newest {@code keep} backups; the names of those deleted. */
    List<String> prune(int keep);

    /** Keeps the status where {@code doctor} finds it; a failure to do so is not the backup's failure. */
    void record(BackupStatus status);
}
