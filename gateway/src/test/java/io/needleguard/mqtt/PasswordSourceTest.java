package io.needleguard.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {

    @TempDir
    Path dir;

    @Test
    void aPasswordFileOthersCanReadIsUsedAndWarnedAboutOnceWithoutThePassword() throws Exception {
        Path file = Files.writeString(dir.resolve("mqtt-password"), "s3cret-Pa55\nignored second line\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (LogCapture log = new LogCapture(PasswordSource.class)) {
            PasswordSource source = new PasswordSource.FromFile(file);
            assertArrayEquals("s3cret-Pa55".toCharArray(), source.read().orElseThrow());
            source.read(); // every connection attempt reads it again
            assertEquals(1, log.count("can be read by other users (rw-r--r--); make it yours only: chmod 600 " + file));
            assertEquals(0, log.count("s3cret"), "never the password");
        }
    }

    @Test
    void anOwnerOnlyPasswordFileIsNoNews() throws Exception {
        Path file = Files.writeString(dir.resolve("mqtt-password"), "s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (LogCapture log = new LogCapture(PasswordSource.class)) {
            new PasswordSource.FromFile(file).read();
            assertEquals(0, log.messages().size(), log.messages().toString());
        }
    }
}
