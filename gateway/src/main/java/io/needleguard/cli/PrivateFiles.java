package io.needleguard.cli;

import io.needleguard.text.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files a command writes that hold health data (an export, a report): created readable by their owner
 * only (0600, never briefly more), written beside their name and moved into place whole.
 */
final class PrivateFiles {

    private PrivateFiles() {}

    static void write(String option, Path file, byte[] content) {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(option + ": " + file + " is a directory; give a file name");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException(
                    option + ": the directory of " + file + " does not exist; create it," + " or give another path");
        }
        Path partial = dir.resolve("." + target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
                Files.createFile(
                        partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(partial);
            }
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw new InvalidInputException(option + ": cannot write " + file + " (permission denied); give a path in"
                    + " a directory you may write to");
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the partial file is hidden and replaced next time
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
