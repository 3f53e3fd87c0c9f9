package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes a user sees when they stop {@code run} (Ctrl-C, or systemd's SIGTERM) are the ones the
 * README's list of exit codes gives.
 */
class ReadmeExitCodesTest {

    @TempDir
    Path dir;

    private NeedleguardProcesses processes;

    @AfterEach
    void stop() {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void stoppedByCtrlCOrSigtermRunExitsWithTheCodesTheReadmeLists() throws Exception {
        String readme = Files.readString(Path.of("../README.md")).replaceAll("\\s+", " ");
        assertTrue(
                readme.contains("with **130** (SIGINT, Ctrl-C) or **143** (SIGTERM)"),
                "README's exit codes name what a stopped run exits with");
        processes = new NeedleguardProcesses(dir);
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\n"
                        + "ble: {backend: sim, options: {lead-seconds: 600}}\nmqtt: {enabled: false}\n"
                        + "dashboard: {listen: '127.0.0.1:0'}\n");

        assertEquals(143, stopped("term", config, "-TERM"));
        assertEquals(130, stopped("int", config, "-INT"));
    }

    /** Starts run, waits until it runs, sends it {@code signal}, and returns its exit code. */
    private int stopped(String name, Path config, String signal) throws Exception {
        Process run = processes.start(name, "run", "--config", config.toString());
        Await.until(
                () -> processes.log(name).contains("needleguard is running"),
                Duration.ofSeconds(60),
                "needleguard is running",
                () -> processes.log(name));
        Process kill = new ProcessBuilder("kill", signal, Long.toString(run.pid())).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill " + signal);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), name + " did not stop: " + processes.log(name));
        return run.exitValue();
    }
}
