package io.needleguard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code needleguard restore}: a backup becomes the history of a data directory. Refused, with the
 * fix and nothing changed, when the file is not a needleguard history, is damaged, comes from a newer
 * needleguard, or a gateway runs on the directory (its lock is taken for the whole restore, so none
 * starts meanwhile). Into a directory without a history; with {@code replace}, the history there is
 * first moved aside, whole (its WAL with it), into a directory of its own.
 */
public final class HistoryRestore {

    /** The directory the replaced history is moved into: {@code replaced-20261129-101500}. */
    static final DateTimeFormatter ASIDE =
            DateTimeFormatter.ofPattern("'replaced-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * A restore done.
     *
     * @param backupSchema the schema version the backup was written with (the history is migrated from it)
     * @param asideTo      where the replaced history went, if one was replaced
     */
    public record Restored(Path history, HistoryContents contents, int backupSchema, Optional<Path> asideTo) {}

    private HistoryRestore() {}

    /**
     * @param now when the restore happens: names the directory a replaced history is moved into
     * @throws RefusedFile for a file or directory that cannot be used as they are (exit 2)
     * @throws DataDirectoryLock.InUse when a gateway runs on {@code dataDir}
     */
    public static Restored restore(Path backup, Path dataDir, boolean replace, Instant now) {
        Path file = backup.toAbsolutePath().normalize();
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new RefusedFile(file + (Files.exists(file) ? " is not a file" : " does not exist")
                    + "; give the backup file to restore (needleguard backup makes them)");
        }
        if (!Files.isReadable(file)) {
            throw new RefusedFile("cannot read " + file + " (permission denied); make it readable by the user who"
                    + " runs needleguard (sudo chown needleguard: " + file + ", for the package's)");
        }
        Path history = dir.resolve(SqliteDatabase.FILE_NAME);
        if (file.equals(history)) {
            throw new RefusedFile(file + " is the history of " + dir + " itself; restore a backup of it");
        }
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dir)) {
            HistoryFiles.refuseLinks(dir, history);
            boolean present = hasHistory(history);
            if (present && !replace) {
                throw new RefusedFile(dir + " already holds a history; restore into an empty directory (--data-dir),"
                        + " or add --replace to move that one aside and restore over it");
            }
            Path incoming = history.resolveSibling(SqliteDatabase.FILE_NAME + ".restoring");
            HistoryBackup.deleteWithJournal(incoming);
            OwnerOnlyFiles.file(incoming);
            HistoryContents contents;
            try {
                contents = copyChecked(file, incoming);
            } catch (RuntimeException | SQLException e) {
                HistoryBackup.deleteQuietly(incoming);
                throw e;
            }
            Optional<Path> aside = present ? Optional.of(moveAside(history, ASIDE.format(now))) : Optional.empty();
            Files.move(incoming, history, StandardCopyOption.ATOMIC_MOVE);
            // Opening migrates an older backup's schema, as an upgrade would have.
            SqliteDatabase.open(dir).close();
            return new Restored(history, contents, contents.schemaVersion(), aside);
        } catch (IOException e) {
            throw HistoryFiles.cannotCreate(dir, e);
        } catch (SQLException e) {
            throw HistoryFiles.failed(history, "restore " + file, e);
        }
    }

    /** Copies the backup with SQLite's backup (also right for a live database given by mistake), then checks the copy. */
    private static HistoryContents copyChecked(Path file, Path incoming) throws SQLException {
        HistoryContents original;
        try {
            original = inspect(file);
        } catch (SQLException e) {
            if (SqliteConnections.notADatabase(e)) {
                throw damaged(file, "it is not an SQLite database, or its first page is damaged", e);
            }
            throw e;
        }
        HistoryContents copied = HistoryBackup.copy(file, incoming);
        try {
            HistoryBackup.check(incoming, copied);
        } catch (StoreException e) {
            throw damaged(file, e.getMessage(), e);
        }
        if (!copied.equals(original)) {
            throw new RefusedFile(file + " changed while it was restored (is a gateway writing to it?); stop what"
                    + " writes to it, or restore a backup made with needleguard backup");
        }
        return copied;
    }

    /** Checks that a file is a needleguard history this version can read; what it holds. */
    static HistoryContents inspect(Path file) throws SQLException {
        try (Connection c = SqliteConnections.open(file)) {
            String integrity = SqliteConnections.integrity(c);
            if (!integrity.equals("ok")) {
                throw damaged(file, "SQLite's integrity check says: " + integrity, null);
            }
            HistoryContents contents = HistoryContents.count(c);
            if (!contents.isHistory()) {
                throw new RefusedFile(file + " is an SQLite database but not a needleguard history (it has no "
                        + String.join(", ", HistoryContents.REQUIRED)
                        + " tables); give a file needleguard backup made");
            }
            if (contents.schemaVersion() > Migrations.latest()) {
                throw new RefusedFile(file + " was written by a newer needleguard (history schema version "
                        + contents.schemaVersion() + "; this one understands up to " + Migrations.latest()
                        + "); install that needleguard (or a newer one) first, then restore");
            }
            return contents;
        }
    }

    private static RefusedFile damaged(Path file, String what, Exception cause) {
        return new RefusedFile(
                file + " is damaged (" + what + "); nothing was restored. Restore an older backup (needleguard"
                        + " keeps several in its backups directory)",
                cause);
    }

    private static boolean hasHistory(Path history) {
        return Files.exists(history) || Files.exists(history.resolveSibling(SqliteDatabase.FILE_NAME + "-wal"));
    }

    /** Moves the history and its WAL and shared-memory files, together, into a new directory beside them. */
    private static Path moveAside(Path history, String name) throws IOException {
        Path aside = history.resolveSibling(name);
        OwnerOnlyFiles.directory(aside);
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path part = history.resolveSibling(SqliteDatabase.FILE_NAME + suffix);
            if (Files.exists(part)) {
                Files.move(part, aside.resolve(part.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return aside;
    }
}
