package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.cli.NeedleguardProcesses.Result;
import io.needleguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups of a history while {@code needleguard run} records a pen through the simulated BlueZ, each
 * command its own process as on a real machine: automatic ones from the start, and {@code backup} typed
 * while sessions arrive. The last one restored elsewhere is the same history ({@code history --format
 * json} byte for byte, the same {@code status}); a restore over the running gateway's directory is
 * refused; and a gateway started on the restored directory, as on a new machine, records the pen without
 * pairing it again.
 */
class BackupWhileRecordingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BACKEND = "dbus";

    @TempDir
    Path dir;

    private NeedleguardProcesses processes;

    @AfterEach
    void stop() {
        if (processes != null) {
            processes.close();
        }
    }

    private Path config(String name, Path data) throws Exception {
        return Files.writeString(
                dir.resolve(name),
                "data-dir: " + data + "\n"
                        + "ble: {backend: " + BACKEND + "}\n"
                        + "mqtt: {enabled: false}\n"
                        + "owners:\n  - {id: me, zone: UTC}\n"
                        + "backup: {schedule: daily, keep: 3}\n"
                        + "dashboard: {enabled: false}\n");
    }

    private static Result cli(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return NeedleguardProcesses.cli(all.toArray(String[]::new));
    }

    private static int sessions(Path config) {
        Result r = cli(config, "history", "--format", "csv");
        return r.code() == 0 ? (int) r.out().lines().count() - 1 : 0;
    }

    @Test
    void backupsMadeWhileRecordingRestoreToTheSameHistoryAndAMovedGatewayRecordsWithoutPairing() throws Exception {
        BluezTestSupport.assumeReady(BACKEND);
        processes = new NeedleguardProcesses(dir);
        processes.startSimulatedBluez(1);
        Path data = dir.resolve("data");
        Path config = config("needleguard.yaml", data);
        assertEquals(
                0,
                processes.run("pair", "pair", "--config", config.toString(), "--serial", "SIM-0001"),
                processes.log("pair"));
        processes.start("run", "run", "--config", config.toString());
        Await.until(
                () -> processes.log("run").contains("pen SIM-0001 connected"),
                WAIT,
                "the pen connected",
                () -> processes.log("run"));

        // The automatic backup: made at start (none existed), and kept where doctor finds its status.
        Await.until(
                () -> processes.log("run").contains("backed the history up: needleguard-"),
                WAIT,
                "the automatic backup",
                () -> processes.log("run"));
        try (Stream<Path> files = Files.list(data.resolve("backups"))) {
            assertEquals(
                    1,
                    files.filter(f -> f.getFileName().toString().matches("needleguard-\\d{8}-\\d{6}\\.db"))
                            .count());
        }
        Result doctor = cli(config, "doctor");
        assertTrue(
                doctor.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("ok   backup: daily into " + data.resolve("backups"))
                                && l.contains("last ")),
                doctor.out());

        // Sessions arrive while backups are made, each by its own process.
        int recorded = 6;
        for (int i = 0; i < recorded; i++) {
            processes.type("start SIM-0001 0." + (i % 2 == 0 ? "25" : "5") + " 120");
            processes.type("stop SIM-0001");
            Path file = dir.resolve("while-" + i + ".db");
            assertEquals(
                    0,
                    processes.run("backup-" + i, "backup", "--config", config.toString(), file.toString()),
                    processes.log("backup-" + i));
            assertTrue(processes.log("backup-" + i).contains("checked: SQLite's integrity check passed"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        Await.until(() -> sessions(config) == recorded, WAIT, "recorded", () -> sessions(config));

        // The last backup, still while run runs, restored elsewhere: the same history, the same status.
        Path last = dir.resolve("last.db");
        assertEquals(0, processes.run("backup-last", "backup", "--config", config.toString(), last.toString()));
        Path moved = dir.resolve("new-machine");
        Path movedConfig = config("new-machine.yaml", moved);
        assertEquals(
                0,
                processes.run("restore", "restore", "--config", movedConfig.toString(), last.toString()),
                processes.log("restore"));
        Result before = cli(config, "history", "--format", "json");
        Result after = cli(movedConfig, "history", "--format", "json");
        assertEquals(0, before.code(), before.err());
        assertEquals(before.out(), after.out(), "history --format json, byte for byte");
        String at = "2026-12-31T12:00:00Z";
        assertEquals(
                cli(config, "status", "--at", at).out(),
                cli(movedConfig, "status", "--at", at).out());

        // Not over a running gateway.
        int refused = processes.run(
                "restore-running", "restore", "--config", config.toString(), "--replace", last.toString());
        assertEquals(2, refused, processes.log("restore-running"));
        assertTrue(processes.log("restore-running").contains("needleguard is already running on " + data));
        assertTrue(processes.log("restore-running").contains("stop it first"));

        // The old machine stops; the new one starts on the restored history: the pairing came with it.
        processes.stop("run");
        processes.start("run-moved", "run", "--config", movedConfig.toString());
        Await.until(
                () -> processes.log("run-moved").contains("pen SIM-0001 connected"),
                WAIT,
                "the pen connected",
                () -> processes.log("run-moved"));
        processes.type("start SIM-0001 0.25 120");
        processes.type("stop SIM-0001");
        Await.until(
                () -> sessions(movedConfig) == recorded + 1,
                WAIT,
                "the moved gateway records the pen",
                () -> processes.log("run-moved"));
    }
}
