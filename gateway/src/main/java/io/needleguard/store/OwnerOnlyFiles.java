package io.needleguard.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health data stays readable by its owner only: directories 0700, files 0600, created that way (never
 * briefly world-readable). An existing one found open to others is tightened: group and others lose
 * every permission, and the owner keeps exactly what it had. Permissions are never loosened: a
 * history its owner made read-only (a directory 0500, a file 0400) stays read-only.
 */
final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private OwnerOnlyFiles() {}

    static void directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            try {
                if (posix(dir.getParent())) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException raced) {
                // Another process made it first; tighten below like any existing directory.
            }
        }
        tighten(dir);
    }

    static void file(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                if (posix(file.getParent())) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException raced) {
                // Another process made it first; tighten below like any existing file.
            }
        }
        tighten(file);
    }

    /** Tightens an existing file's permissions; a missing file is left alone. */
    static void tightenIfPresent(Path file) throws IOException {
        if (Files.exists(file)) {
            tighten(file);
        }
    }

    /**
     * Whether the owner allowed writing {@code path}: the owner's write permission (not only whether this
     * process may write, which root always may).
     */
    static boolean ownerMayWrite(Path path) throws IOException {
        if (!posix(path)) {
            return Files.isWritable(path);
        }
        return Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_WRITE) && Files.isWritable(path);
    }

    /** The permissions as {@code ls} shows them, or "" where the file system has none. */
    static String describe(Path path) {
        try {
            return posix(path) ? PosixFilePermissions.toString(Files.getPosixFilePermissions(path)) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void tighten(Path path) throws IOException {
        if (!posix(path)) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
        Set<PosixFilePermission> wanted = EnumSet.noneOf(PosixFilePermission.class);
        wanted.addAll(current);
        wanted.retainAll(OWNER);
        if (!current.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            log.info(
                    "tightened permissions of {} from {} to {}: the history is health data",
                    path,
                    PosixFilePermissions.toString(current),
                    PosixFilePermissions.toString(wanted));
        }
    }

    private static boolean posix(Path path) {
        Path existing = path == null ? Path.of(".") : path;
        return Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }
}
