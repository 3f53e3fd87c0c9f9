package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trying needleguard without a pen, as a newcomer would, each command its own process. */
class SimBackendAndPairingProblemsTest {

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
    void theSimBackendOfTheExampleConfigurationRecordsItsPensWithoutListingThem() throws Exception {
        processes = new NeedleguardProcesses(dir);
        Path scenario = Files.writeString(dir.resolve("soon.json"), """
                { "name": "two sessions soon after start",
                  "start": "2026-01-05T18:00:00+01:00",
                  "pens": [ { "serial": "SIM-0007" } ],
                  "sessions": [
                    { "pen": "SIM-0007", "at": "PT1S", "area": "cheeks", "depthMm": 0.25, "strokeHz": 120, "duration": "PT1S", "cartridge": "C-1" },
                    { "pen": "SIM-0007", "at": "PT4S", "area": "nose", "depthMm": 0.25, "strokeHz": 120, "duration": "PT1S", "cartridge": "C-1" } ] }
                """);
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\n" + "ble: {backend: sim, options: {scenario: " + scenario
                        + ", lead-seconds: 1}}\nmqtt: {enabled: false}\ndashboard: {listen: '127.0.0.1:0'}\n");

        processes.start("run", "run", "--config", config.toString());

        Await.until(
                () -> NeedleguardProcesses.cli("history", "--config", config.toString())
                        .out()
                        .contains("2 sessions"),
                Duration.ofSeconds(60),
                "the simulated pens' 2 sessions in the history",
                () -> processes.log("run"));
        assertTrue(!processes.log("run").contains("no pens paired"), processes.log("run"));
    }

    @Test
    void forgettingAPenTheSimBackendSimulatesSaysItIsStillRecordedAndWhy() throws Exception {
        Path scenario = Files.writeString(dir.resolve("one.json"), """
                { "start": "2026-01-05T18:00:00+01:00", "pens": [ { "serial": "SIM-0007" } ], "sessions": [] }
                """);
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\nble: {backend: sim, options: {scenario: " + scenario
                        + "}}\nmqtt: {enabled: false}\n");
        try (io.needleguard.store.SqliteStore store = io.needleguard.store.SqliteStore.open(dir.resolve("data"))) {
            store.pairings()
                    .pair(new io.needleguard.pairing.PairedPen(
                            "SIM-0007", "5A:00:00:00:00:07", java.time.Instant.parse("2026-01-05T17:00:00Z")));
        }

        NeedleguardProcesses.Result forgot =
                NeedleguardProcesses.cli("forget", "SIM-0007", "--config", config.toString());

        assertEquals(0, forgot.code(), forgot.all());
        assertTrue(
                forgot.out()
                        .startsWith("Forgot the pairing of pen SIM-0007, but it is still recorded: SIM-0007 is one of"
                                + " the pens the sim backend simulates"),
                "not 'it is no longer recorded', which the running gateway would belie: " + forgot.out());
        NeedleguardProcesses.Result again =
                NeedleguardProcesses.cli("forget", "SIM-0007", "--config", config.toString());
        assertEquals(2, again.code(), again.all());
        assertTrue(again.err().contains("nothing to forget: SIM-0007 is one of the pens the sim backend simulates"));
    }

    @Test
    void aSecondGatewayOnTheSameHistoryIsRefusedAndEveryOtherCommandWorksBesideTheFirst() throws Exception {
        processes = new NeedleguardProcesses(dir);
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\n"
                        + "ble: {backend: sim, options: {lead-seconds: 600}}\nmqtt: {enabled: false}\n"
                        + "dashboard: {listen: '127.0.0.1:0'}\n");
        processes.start("run", "run", "--config", config.toString());
        Await.until(
                () -> processes.log("run").contains("needleguard is running"),
                Duration.ofSeconds(60),
                "run to say it is running",
                () -> processes.log("run"));

        int code = processes.run("second", "run", "--config", config.toString());

        assertEquals(2, code, processes.log("second"));
        assertTrue(
                processes.log("second").contains("needleguard is already running on " + dir.resolve("data") + " (pid "),
                processes.log("second"));
        assertEquals(
                0,
                NeedleguardProcesses.cli("status", "--config", config.toString())
                        .code());
        assertEquals(
                0,
                NeedleguardProcesses.cli("history", "--config", config.toString())
                        .code());
        assertTrue(processes.log("run").contains("needleguard is running"), "the first one runs on");
    }

    @Test
    void aLeadOfCenturiesIsAConfigurationErrorNamingTheKey() throws Exception {
        processes = new NeedleguardProcesses(dir);
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\n"
                        + "ble: {backend: sim, options: {lead-seconds: 9223372036854775807}}\nmqtt: {enabled: false}\n");

        int code = processes.run("run", "run", "--config", config.toString());

        assertEquals(2, code, processes.log("run"));
        assertTrue(
                processes
                        .log("run")
                        .contains("ble.options.lead-seconds: 9223372036854775807 is out of range; use 0 to 86400"),
                processes.log("run"));
    }

    @Test
    void withoutBluetoothPairSaysHowToTryWithTheSimulatedBluez() throws Exception {
        BluezTestSupport.assumeReady("tinyb"); // TinyB's natives must load to get as far as D-Bus
        processes = new NeedleguardProcesses(dir);
        processes.environment("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + dir.resolve("no-bus-here"));
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\n" + "ble: {backend: tinyb}\nmqtt: {enabled: false}\n");

        int code = processes.run("pair", "pair", "--config", config.toString(), "--serial", "SIM-0001");

        assertEquals(1, code, processes.log("pair"));
        assertTrue(processes.log("pair").contains("cannot reach the system D-Bus"), processes.log("pair"));
        assertTrue(
                processes.log("pair").contains("run 'needleguard sim bluez' in another terminal"),
                processes.log("pair"));
    }
}
