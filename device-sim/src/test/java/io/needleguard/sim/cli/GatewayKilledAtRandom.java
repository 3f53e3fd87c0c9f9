package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway killed with SIGKILL at random moments while its pens keep recording (the simulated BlueZ
 * keeps the pens, and their links, across the gateway's death, as bluetoothd does), and started again
 * each time. After every kill the history passes SQLite's integrity check; at the end every session the
 * pens recorded is in the history exactly once, and every one has reached the broker. The seed of each
 * run is in the failure message; {@code -Dreliability.seed=N} repeats a run.
 */
abstract class GatewayKilledAtRandom {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private NeedleguardProcesses processes;
    private Mosquitto broker;
    private TestSubscriber consumer;

    /** How many times the gateway is killed. */
    abstract int kills();

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        if (processes != null) {
            processes.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void killedAtRandomItLosesNoSessionRecordsNoneTwiceAndPublishesEvery() throws Exception {
        BluezTestSupport.assumeReady("dbus");
        Mosquitto.assumeInstalled();
        long seed = Long.getLong("reliability.seed", new SecureRandom().nextLong());
        Random random = new Random(seed);
        String run = "seed " + seed + ": ";

        broker = Mosquitto.plain(dir.resolve("broker"));
        consumer = new TestSubscriber(broker.url(), "needleguard/+/session");
        processes = new NeedleguardProcesses(dir);
        processes.startSimulatedBluez(2);
        Path data = dir.resolve("data");
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + data + "\n"
                        + "ble: {backend: dbus}\n"
                        + "mqtt: {url: '" + broker.url() + "', client-id: ng-kill-test}\n"
                        + "owners:\n  - {id: me, zone: UTC}\n"
                        + "dashboard: {enabled: false}\n");
        for (String pen : new String[] {"SIM-0001", "SIM-0002"}) {
            assertEquals(
                    0,
                    processes.run("pair-" + pen, "pair", "--config", config.toString(), "--serial", pen),
                    processes.log("pair-" + pen));
        }

        Map<String, Integer> recorded = new HashMap<>(Map.of("SIM-0001", 0, "SIM-0002", 0));
        for (int kill = 1; kill <= kills(); kill++) {
            String name = "run-" + kill;
            processes.start(name, "run", "--config", config.toString());
            long killAt = System.nanoTime()
                    + Duration.ofMillis(200 + random.nextInt(3_000)).toNanos();
            int sessions = random.nextInt(4);
            for (int i = 0; i < sessions && System.nanoTime() < killAt; i++) {
                String pen = random.nextBoolean() ? "SIM-0001" : "SIM-0002";
                // A pen holds 200 sessions: its owner does not outrun a gateway that keeps dying.
                if (processes.simKept(pen) < SimulatedPen.MEMORY_CAPACITY / 2) {
                    processes.type("start " + pen + " 0.25 120");
                    processes.type("stop " + pen);
                    recorded.merge(pen, 1, Integer::sum);
                }
                pause(random.nextInt(400));
            }
            pause((int) Math.max(0, Duration.ofNanos(killAt - System.nanoTime()).toMillis()));
            processes.kill(name);
            assertEquals("ok", integrity(data), run + "after kill " + kill + ": " + processes.log(name));
        }

        processes.start("last", "run", "--config", config.toString());
        int total = recorded.values().stream().mapToInt(Integer::intValue).sum();
        Duration fetching = WAIT.plusMillis(300L * total);
        Await.until(
                () -> sessionsInHistory(config) == total,
                fetching,
                run + "all " + total + " sessions in the history",
                () -> sessionsInHistory(config) + " of them; " + processes.log("last"));
        for (Map.Entry<String, Integer> pen : recorded.entrySet()) {
            Set<String> ids = new TreeSet<>();
            for (int counter = 1; counter <= pen.getValue(); counter++) {
                ids.add(pen.getKey() + ":" + counter);
            }
            Await.until(
                    () -> published(pen.getKey()).containsAll(ids),
                    fetching,
                    run + "every session of " + pen.getKey() + " published",
                    () -> "published: " + published(pen.getKey()).size() + " of " + ids.size());
        }
        String csv = NeedleguardProcesses.cli("history", "--format", "csv", "--config", config.toString())
                .out();
        assertEquals(total, csv.lines().skip(1).distinct().count(), run + "each session once: " + csv);
        processes.stop("last");
        assertEquals("ok", integrity(data), run + "after the last stop");
        long messages = consumer.seen().stream()
                .filter(m -> m.topic().endsWith("/session"))
                .count();
        // The figures of src/docs/reliability.md.
        System.out.printf(
                "reliability: %s%d SIGKILLs, %d sessions recorded by the pens, %d in the history, %d session messages"
                        + " received (%d repeated), integrity ok after every kill%n",
                run, kills(), total, sessionsInHistory(config), messages, messages - total);
    }

    private int sessionsInHistory(Path config) {
        return (int) NeedleguardProcesses.cli("history", "--format", "csv", "--config", config.toString())
                .out()
                .lines()
                .skip(1)
                .count();
    }

    private Set<String> published(String pen) {
        Set<String> ids = new TreeSet<>();
        consumer.seen().stream()
                .filter(m -> m.topic().equals("needleguard/" + pen + "/session"))
                .forEach(m -> ids.add(m.json().path("sessionId").asText()));
        return ids;
    }

    private static String integrity(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("needleguard.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.getString(1);
        }
    }

    /** A pen's owner between two sessions: a random while, as people are. */
    private static void pause(int millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
