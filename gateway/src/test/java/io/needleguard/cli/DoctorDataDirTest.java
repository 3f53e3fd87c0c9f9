package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}'s look at the history's directory: writable, owner-only, with space; and the fix when not. */
class DoctorDataDirTest {

    @TempDir
    Path temp;

    @Test
    void anOwnerOnlyWritableDirectoryPassesWithItsFreeSpace() throws Exception {
        Path dir = Files.createDirectory(
                temp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        DoctorCommand.Check check = DoctorCommand.dataDir(dir);

        assertTrue(check.ok(), check.line());
        assertTrue(
                check.line().matches("ok   data directory: .*/data, writable, owner-only, [0-9.]+ (GiB|MiB) free"),
                check.line());
    }

    @Test
    void aDirectoryOthersCanReadFailsWithTheFix() throws Exception {
        Path dir = Files.createDirectory(
                temp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        DoctorCommand.Check check = DoctorCommand.dataDir(dir);

        assertFalse(check.ok());
        assertTrue(
                check.line().contains("is open to others (rwxr-xr-x) and holds health data; fix: chmod 700 "),
                check.line());
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsWithTheFix() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

        DoctorCommand.Check check = DoctorCommand.dataDir(file.resolve("data"));

        assertFalse(check.ok());
        assertTrue(check.line().startsWith("FAIL data directory: "), check.line());
        assertTrue(check.line().contains("does not exist and cannot be created"), check.line());
        assertTrue(check.line().contains("fix: create it for the user who runs needleguard"), check.line());
    }

    @Test
    void aMissingDirectoryUnderAWritableOneIsFine() {
        DoctorCommand.Check check = DoctorCommand.dataDir(temp.resolve("later").resolve("data"));

        assertTrue(check.ok(), check.line());
        assertTrue(check.line().contains("does not exist yet; needleguard creates it"), check.line());
    }
}
