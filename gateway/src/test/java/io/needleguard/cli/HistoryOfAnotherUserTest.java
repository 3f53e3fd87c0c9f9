package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.needleguard.store.SqliteStore;
import io.needleguard.testing.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a Raspberry Pi the history is the service user's ({@code /var/lib/needleguard}, 0700): a person who
 * runs a command as themselves is told it is permission denied and as whom to run it, not that there is
 * no history. Needs another user to own the history: the test runs as root with the capabilities that
 * let root read anyone's files taken away ({@code setpriv}), as CI does; elsewhere it is skipped.
 */
class HistoryOfAnotherUserTest {

    @TempDir
    Path dir;

    @Test
    void aHistoryThatIsAnotherUsersIsPermissionDeniedWithTheUserToRunAs() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give the history to another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Path data = dir.resolve("data");
        SqliteStore.open(data).close();
        UserPrincipal nobody =
                data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.toList()) {
                Files.setOwner(p, nobody);
            }
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        // A configuration of its own: not the machine's /etc/needleguard/needleguard.yaml, if a package is installed.
        Path config = Files.writeString(dir.resolve("needleguard.yaml"), "mqtt: {enabled: false}\n");

        for (List<String> command :
                List.of(List.of("history"), List.of("condition", "add", "sunburn"), List.of("status"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--data-dir", data.toString(), "--config", config.toString()));
            Result r = withoutRootsReadAnything(args);
            assertEquals(2, r.code(), command + ": " + r.output());
            assertTrue(
                    r.output()
                            .contains("needleguard: permission denied: cannot open the history in " + data
                                    + ", which belongs to user nobody (you are root); run the command as that user:"
                                    + " sudo -u nobody needleguard ..."),
                    command + ": " + r.output());
        }
    }

    private record Result(int code, String output) {}

    /** needleguard in its own JVM, as root without the capabilities to read or search anyone's files. */
    private Result withoutRootsReadAnything(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/setpriv",
                "--bounding-set=-dac_override,-dac_read_search",
                "--inh-caps=-dac_override,-dac_read_search",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.needleguard.cli.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", dir.toString());
        builder.environment().remove("XDG_CONFIG_HOME");
        Process p = ChildProcesses.watch(builder.start());
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "needleguard did not end: " + output);
        return new Result(p.exitValue(), output);
    }
}
