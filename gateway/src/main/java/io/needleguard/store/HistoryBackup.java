package io.needleguard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code needleguard backup}: a copy of the whole history (sessions, findings, conditions, pairings,
 * area choices, what Home Assistant was told, the MQTT outbox) while {@code run} goes on recording.
 * Made with SQLite's online backup from one read snapshot, into a file created owner-only beside its
 * final name, checked (SQLite's integrity check, and every table counted against the snapshot), and
 * only then moved into place: a file with the backup's name is always a whole, checked backup.
 */
public final class HistoryBackup {

    /** A backup as made: where, what it holds, its size. */
    public record Made(Path file, HistoryContents contents, long bytes) {}

    private HistoryBackup() {}

    /**
     * Backs the history in {@code dataDir} up into {@code target}, which must not exist; its directory
     * is created owner-only if needed.
     *
     * @throws RefusedFile when there is no history, or {@code target} exists or is a link
     * @throws StoreException when the copy cannot be made or does not check out (nothing is left behind)
     */
    public static Made make(Path dataDir, Path target) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path source = dir.resolve(SqliteDatabase.FILE_NAME);
        Path file = target.toAbsolutePath().normalize();
        HistoryFiles.refuseLinks(dir, source);
        if (!Files.isRegularFile(source)) {
            throw new RefusedFile("no history in " + dir + " to back up (no " + SqliteDatabase.FILE_NAME
                    + "); point --data-dir at the directory that holds it");
        }
        if (Files.exists(file) || Files.isSymbolicLink(file)) {
            throw new RefusedFile(file + " exists already; give the backup another name, or remove that file first");
        }
        if (file.getParent().equals(dir) && file.getFileName().toString().startsWith(SqliteDatabase.FILE_NAME)) {
            throw new RefusedFile(file + " is one of the history's own files; back up to another name");
        }
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            OwnerOnlyFiles.directory(file.getParent());
            deleteWithJournal(partial);
            OwnerOnlyFiles.file(partial); // SQLite writes into it, and its journal, with these permissions
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        try {
            HistoryContents contents = copy(source, partial);
            HistoryContents copied = check(partial, contents);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return new Made(file, copied, Files.size(file));
        } catch (IOException e) {
            deleteQuietly(partial);
            throw cannotWrite(file, e);
        } catch (SQLException e) {
            deleteQuietly(partial);
            throw copyFailed(source, file, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Counts the source and copies it, both in one read transaction: the counts are the copy's. */
    static HistoryContents copy(Path source, Path target) throws SQLException {
        try (Connection c = SqliteConnections.open(source)) {
            c.setAutoCommit(false); // the first read below starts the snapshot the backup copies
            try {
                HistoryContents contents = HistoryContents.count(c);
                SqliteConnections.backup(c, target);
                return contents;
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Checks a copy against what the original held, and makes it one self-contained file (no WAL
     * beside it). Throws, naming what differs, when it does not check out.
     */
    static HistoryContents check(Path copy, HistoryContents expected) throws SQLException {
        try (Connection c = SqliteConnections.open(copy)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = DELETE");
            }
            String integrity = SqliteConnections.integrity(c);
            if (!integrity.equals("ok")) {
                throw new StoreException("the backup " + copy + " failed SQLite's integrity check (" + integrity
                        + "); it was not kept. Check the disk it was written to");
            }
            HistoryContents found = HistoryContents.count(c);
            if (!found.equals(expected)) {
                throw new StoreException("the backup " + copy + " does not hold what the history held (" + found.rows()
                        + " instead of " + expected.rows() + "); it was not kept. Check the disk it was written to");
            }
            return found;
        }
    }

    private static StoreException cannotWrite(Path file, IOException e) {
        return new StoreException(
                "cannot write the backup " + file + " (" + (e.getMessage() == null ? e : e.getMessage())
                        + "); check that its directory is there (a USB stick or a NAS mounted?), writable and not"
                        + " full, or back up somewhere else",
                e);
    }

    /** A full disk is named as such: where the backup went, not the history, needs room. */
    static StoreException copyFailed(Path source, Path file, SQLException e) {
        int primary = e instanceof org.sqlite.SQLiteException s ? s.getResultCode().code & 0xff : -1;
        if (primary == (org.sqlite.SQLiteErrorCode.SQLITE_FULL.code & 0xff)) {
            return new StoreException(
                    "disk full: " + file.getParent() + " has no room for the backup " + file.getFileName()
                            + "; free some space there, keep fewer backups (backup.keep), or back up somewhere else",
                    e);
        }
        return new StoreException("could not copy " + source + " to " + file + ": " + e.getMessage(), e);
    }

    static void deleteWithJournal(Path file) throws IOException {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    static void deleteQuietly(Path file) {
        try {
            deleteWithJournal(file);
        } catch (IOException e) {
            // What is left is a hidden .partial file, replaced by the next attempt.
        }
    }
}
