package io.needleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void oneHolderAtATimeNamedByItsPidAndFreeAgainOnceReleased() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirectoryLock held = DataDirectoryLock.acquire(data)) {
            DataDirectoryLock.InUse refused =
                    assertThrows(DataDirectoryLock.InUse.class, () -> DataDirectoryLock.acquire(data));
            assertEquals(
                    "needleguard is already running on " + data.toAbsolutePath() + " (pid "
                            + ProcessHandle.current().pid()
                            + "); stop it first (sudo systemctl stop needleguard, if it is the service), or give this"
                            + " one another --data-dir",
                    refused.getMessage());
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("needleguard.lock"))));
            try (SqliteStore beside = SqliteStore.open(data)) {
                assertTrue(
                        beside.sessions().pens().isEmpty(), "the history opens beside the lock: other commands work");
            }
        }
        DataDirectoryLock.acquire(data).close();
    }

    @Test
    void aLinkInPlaceOfTheLockIsRefused() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.createSymbolicLink(data.resolve("needleguard.lock"), dir.resolve("elsewhere"));
        assertThrows(StoreException.class, () -> DataDirectoryLock.acquire(data));
    }
}
