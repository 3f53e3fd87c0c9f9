package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.config.ConfigKeys;
import io.needleguard.store.ConfigAtStartFile;
import io.needleguard.store.DataDirectoryLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 1: {@code doctor} says which keys read at start only were changed in the file since the
 * running gateway started, with the fix (before: nothing said a restart was needed), and says nothing
 * of the kind when the gateway runs with the file as it is, or when the change is one it applies itself.
 */
class RestartCheckTest {

    private static final String STARTED_WITH = "ble: {backend: auto}\nmqtt: {url: 'tcp://broker:1883'}\n"
            + "owners:\n  - {id: alex, zone: UTC}\n  - {id: kim, zone: UTC}\n"
            + "pens:\n  - {serial: PEN-1, owner: alex}\n";

    @TempDir
    Path temp;

    private Path dataDir() {
        return temp.resolve("data");
    }

    /** A gateway running on the data directory (its lock held) that started with {@link #STARTED_WITH}. */
    private Optional<DoctorCommand.Check> checkWithTheFile(String now) throws Exception {
        Path file = Files.writeString(temp.resolve("needleguard.yaml"), now);
        try (DataDirectoryLock running = DataDirectoryLock.acquire(dataDir())) {
            ConfigAtStartFile.write(dataDir(), ConfigKeys.digests(STARTED_WITH));
            return RestartCheck.of(dataDir(), Optional.of(file));
        }
    }

    @Test
    void aChangedMqttKeyIsNamedWithTheRestartThatAppliesIt() throws Exception {
        DoctorCommand.Check check = checkWithTheFile(STARTED_WITH.replace("broker:1883", "ha.local:1883"))
                .orElseThrow();

        assertFalse(check.ok(), check.line());
        assertTrue(check.line().startsWith("FAIL restart: "), check.line());
        assertTrue(check.line().contains("changed mqtt since the running gateway started"), check.line());
        assertTrue(
                check.line()
                        .endsWith("fix: restart needleguard to apply: mqtt (sudo systemctl restart needleguard,"
                                + " for the package's)"),
                check.line());
    }

    @Test
    void nothingChangedOrOnlyWhatItAppliesItselfAsksForNoRestart() throws Exception {
        for (String now : new String[] {STARTED_WITH, STARTED_WITH.replace("owner: alex", "owner: kim")}) {
            DoctorCommand.Check check = checkWithTheFile(now).orElseThrow();

            assertTrue(check.ok(), check.line());
            assertFalse(check.line().contains("restart needleguard"), check.line());
        }
    }

    @Test
    void whatItNotesIsDigestsOnlyReadableByTheOwner() throws Exception {
        checkWithTheFile(STARTED_WITH);

        Path noted = dataDir().resolve(ConfigAtStartFile.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(noted)));
        assertFalse(Files.readString(noted).contains("broker"), Files.readString(noted));
    }

    @Test
    void noGatewayRunningNoCheck() throws Exception {
        Path file = Files.writeString(temp.resolve("needleguard.yaml"), STARTED_WITH.replace("broker", "other"));
        Files.createDirectories(dataDir());
        ConfigAtStartFile.write(dataDir(), ConfigKeys.digests(STARTED_WITH)); // left by a gateway since stopped

        assertEquals(Optional.empty(), RestartCheck.of(dataDir(), Optional.of(file)));
    }
}
