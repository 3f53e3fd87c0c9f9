package io.needleguard.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The history's files as the file system has them, and what its failures mean for a user: a disk that
 * is full, a file system mounted read-only, a link where the history should be. Each message names the
 * path and the fix.
 */
final class HistoryFiles {

    /** SQLite's primary result codes (the low byte of an extended code). */
    private static final int SQLITE_READONLY = 8;

    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;

    @FunctionalInterface
    interface Schema {
        void create(Connection connection) throws SQLException;
    }

    private HistoryFiles() {}

    /**
     * Links are not followed: opening the history tightens the file's permissions and writes to it, so
     * a link would change (or overwrite with a database) whatever file it points to. The data directory
     * itself is checked too; its parents may be links (a home directory on another disk).
     */
    static void refuseLinks(Path dir, Path file) {
        if (file.getFileName().toString().equals(DataDirectoryLock.FILE_NAME) && Files.isSymbolicLink(file)) {
            throw new StoreException(file + " is a symbolic link; needleguard does not follow links in its data"
                    + " directory: remove it");
        }
        if (Files.isSymbolicLink(dir)) {
            throw new StoreException(dir + " is a symbolic link; needleguard does not follow links for the history"
                    + " (it would change the permissions of the directory it points to): use the directory itself"
                    + " as data-dir (--data-dir)");
        }
        for (String name : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path part = file.resolveSibling(file.getFileName() + name);
            if (Files.isSymbolicLink(part)) {
                throw new StoreException(part + " is a symbolic link; needleguard does not follow links for the"
                        + " history (it would change the permissions of, or overwrite, the file it points to):"
                        + " move the real file there, or choose another --data-dir");
            }
        }
    }

    /** A read-only file system says so before SQLite says something less clear. */
    static void refuseReadOnly(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            if (existing != null && Files.getFileStore(existing).isReadOnly()) {
                throw readOnly(dir);
            }
        } catch (IOException e) {
            // Not knowable here: creating or opening the files below reports what is wrong.
        }
    }

    /**
     * Whether the history may be written: the data directory (for the journal beside it) and, if it
     * exists, the file, by their owner's permissions. A history made read-only by its owner is not
     * written, by anyone (not even root, who could).
     */
    static boolean writable(Path dir, Path file) {
        return ownerMayWrite(dir) && (!Files.exists(file) || ownerMayWrite(file));
    }

    /** A command that writes meets a history made read-only: what to do instead. */
    static StoreException notWritable(Path dir, Path file) {
        List<Path> readOnly = new ArrayList<>();
        for (Path path : List.of(dir, file)) {
            if (Files.exists(path) && !ownerMayWrite(path)) {
                readOnly.add(path);
            }
        }
        if (readOnly.isEmpty()) {
            readOnly.add(file); // this process may not write it: its owner is someone else
        }
        Path first = readOnly.get(0);
        String mode = OwnerOnlyFiles.describe(first);
        return new StoreException((first.equals(dir) ? "the data directory " : "the history ") + first
                + " is read-only" + (mode.isEmpty() ? "" : " (" + mode + ")")
                + " and this command writes to it; to record, make it writable: chmod u+w "
                + readOnly.stream().map(Path::toString).collect(Collectors.joining(" "))
                + " (as the user that owns it); to only look, 'needleguard history' and 'needleguard status'"
                + " read it as it is");
    }

    private static boolean ownerMayWrite(Path path) {
        try {
            return OwnerOnlyFiles.ownerMayWrite(path);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A new history is made beside its final name and moved into place once its schema is written, so
     * that a {@code needleguard.db} of 0 bytes can only come from elsewhere (a failed copy) and is refused.
     */
    static void create(Path file, Schema schema, SQLiteConfig config) throws IOException, SQLException {
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        for (String name : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(fresh.resolveSibling(fresh.getFileName() + name));
        }
        OwnerOnlyFiles.file(fresh);
        // Closing the only connection checkpoints the WAL into the file and removes -wal and -shm.
        try (Connection connection = config.createConnection("jdbc:sqlite:" + fresh)) {
            schema.create(connection);
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
    }

    static void refuseEmpty(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new StoreException(file + " is empty (0 bytes): it is not a history needleguard wrote (a failed"
                    + " copy?); restore your backup there, or remove the file to start a new history");
        }
    }

    static StoreException cannotCreate(Path dir, IOException e) {
        if (isReadOnly(e)) {
            return readOnly(dir);
        }
        if (e instanceof AccessDeniedException) {
            String owner = ownerOf(dir);
            return new StoreException(
                    "cannot write the history in " + dir + " (permission denied); run needleguard as the user"
                            + " that owns it" + (owner.isEmpty() ? "" : " (sudo -u " + owner + " needleguard ...)")
                            + ", or choose another --data-dir",
                    e);
        }
        if (isFull(e)) {
            return diskFull(dir, "create the history", e);
        }
        return new StoreException(
                "cannot create the history in " + dir + " (" + e.getMessage()
                        + "); check that the directory is writable, or choose another --data-dir",
                e);
    }

    /** Who owns the directory, or its nearest existing parent; empty when that cannot be told. */
    private static String ownerOf(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            String owner = existing == null ? "" : Files.getOwner(existing).getName();
            return owner.equals(System.getProperty("user.name")) ? "" : owner;
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** What an SQLite failure means: a full disk and a read-only file system are named as such. */
    static StoreException failed(Path file, String what, SQLException e) {
        int primary = e instanceof SQLiteException s ? s.getResultCode().code & 0xff : -1;
        if (primary == SQLITE_FULL) {
            return diskFull(file.getParent(), what, e);
        }
        if (primary == SQLITE_READONLY || (primary == SQLITE_CANTOPEN && isReadOnly(file.getParent()))) {
            return isReadOnly(file.getParent()) ? readOnly(file.getParent()) : notWritable(file.getParent(), file);
        }
        if (primary == SQLITE_IOERR) {
            return new StoreException(
                    "cannot " + what + ": the disk holding " + file + " failed a read or write (" + e.getMessage()
                            + "); check the disk (dmesg) and the file system",
                    e);
        }
        return new StoreException("could not " + what + " in the history database " + file + ": " + e.getMessage(), e);
    }

    private static StoreException diskFull(Path dir, String what, Exception cause) {
        return new StoreException(
                "disk full: " + dir + " (could not " + what + "); free some space there: nothing is lost, the pens"
                        + " keep what is not stored and needleguard stores it once there is room",
                "disk full: " + dir,
                cause);
    }

    private static StoreException readOnly(Path dir) {
        return new StoreException("read-only: " + dir + " is on a file system mounted read-only; needleguard writes"
                + " its history there (remount it read-write, or choose another --data-dir)");
    }

    private static boolean isFull(IOException e) {
        return e instanceof FileSystemException f
                && String.valueOf(f.getReason()).contains("No space left");
    }

    private static boolean isReadOnly(IOException e) {
        return e instanceof FileSystemException f
                && String.valueOf(f.getReason()).contains("Read-only file system");
    }

    private static boolean isReadOnly(Path dir) {
        try {
            return dir != null && Files.getFileStore(dir).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }
}
