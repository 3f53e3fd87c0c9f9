package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.bluez.OnEachBluezBackend;
import io.needleguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a developer does with {@code needleguard sim bluez}, each step its own process as on a real
 * machine: the simulated BlueZ in one terminal, then {@code pair}, {@code run}, {@code history} and
 * {@code pens} in another, with the pens used and faults caused by typing at the simulator.
 */
class PairAndRunOverSimulatedBluezTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private NeedleguardProcesses processes;

    @AfterEach
    void stop() {
        if (processes != null) {
            processes.close();
        }
    }

    @OnEachBluezBackend
    void aPairedPenIsRecordedThroughOutagesAndAnUnpluggedAdapterEndsTheServiceWithExitCode1(String backend)
            throws Exception {
        BluezTestSupport.assumeReady(backend);
        processes = new NeedleguardProcesses(dir);
        processes.startSimulatedBluez(2);
        Path data = dir.resolve("data");
        Path config = dir.resolve("needleguard.yaml");
        Files.writeString(
                config,
                "data-dir: " + data + "\n"
                        + "ble: {backend: " + backend + ", options: {bluez-gone-exit-seconds: 3}}\n"
                        + "mqtt: {enabled: false}\n"
                        + "dashboard: {listen: '127.0.0.1:0'}\n");

        assertEquals(
                0,
                processes.run("pair", "pair", "--config", config.toString(), "--serial", "SIM-0001"),
                processes.log("pair"));
        assertTrue(
                processes.log("pair").contains("Paired pen SIM-0001 (needleguard sim pen, firmware sim-1.0.0) at "),
                processes.log("pair"));

        Process run = processes.start("run", "run", "--config", config.toString());
        Await.until(
                () -> processes.log("run").contains("pen SIM-0001 connected"),
                WAIT,
                "the paired pen connected",
                () -> processes.log("run"));
        processes.type("start SIM-0001 0.5 120");
        processes.type("stop SIM-0001");
        processes.type("start SIM-0002 0.5 120");
        processes.type("stop SIM-0002");
        processes.type("out SIM-0001");
        processes.type("start SIM-0001 0.25 120");
        processes.type("stop SIM-0001");
        processes.type("rogue SIM-0001");
        processes.type("in SIM-0001");
        Await.until(
                () -> cli("history", "--data-dir", data.toString()).all().contains("2 sessions"),
                WAIT,
                "both sessions of the paired pen in the history",
                () -> cli("history", "--data-dir", data.toString()).all() + processes.log("run"));
        String history =
                cli("history", "--data-dir", data.toString(), "--format", "csv").out();
        assertTrue(
                history.contains("SIM-0001") && !history.contains("SIM-0002"),
                "only the paired pen is recorded: " + history);
        Await.until(
                () -> cli("pens", "--config", config.toString()).out().contains("Refused"),
                WAIT,
                "the unpaired pen listed as refused",
                () -> processes.log("run"));
        String pens = cli("pens", "--config", config.toString()).out();
        assertTrue(pens.lines().anyMatch(l -> l.startsWith("SIM-0001") && l.contains("paired")), pens);

        processes.type("adapter remove");
        assertTrue(
                run.waitFor(60, TimeUnit.SECONDS),
                "run did not give up on the missing adapter: " + processes.log("run"));
        assertEquals(1, run.exitValue(), processes.log("run"));
        assertTrue(processes.log("run").contains("has been gone for 3 s"), processes.log("run"));
    }

    private static NeedleguardProcesses.Result cli(String... args) {
        return NeedleguardProcesses.cli(args);
    }
}
