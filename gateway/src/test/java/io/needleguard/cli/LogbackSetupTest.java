package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logback is set up in code, found through the ServiceLoader, in a fresh JVM as a user runs one: the
 * same line format and levels as the XML it replaces, and a configuration file of the user's own still
 * wins.
 */
class LogbackSetupTest {

    @TempDir
    Path dir;

    @Test
    void aFreshJvmLogsWarningsToStandardErrorInTheProjectsFormat() throws Exception {
        List<String> err = probe();
        assertEquals(1, err.size(), err::toString);
        assertTrue(
                err.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[main\\] LoggingProbe - probe warning"),
                err::toString);
    }

    @Test
    void aConfigurationFileOfTheUsersOwnStillWins() throws Exception {
        Path xml = dir.resolve("mine.xml");
        Files.writeString(xml, """
                <configuration>
                  <appender name="E" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>MINE %level %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="E"/></root>
                </configuration>
                """);
        List<String> err = probe("-Dlogback.configurationFile=" + xml);
        assertEquals(List.of("MINE WARN probe warning", "MINE INFO probe info", "MINE INFO netty chatter"), err);
    }

    private List<String> probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.add(LoggingProbe.class.getName());
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command)
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
        assertEquals(0, p.exitValue());
        return Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.contains("Sharing is only supported")) // the JVM's own note under surefire
                .toList();
    }
}
