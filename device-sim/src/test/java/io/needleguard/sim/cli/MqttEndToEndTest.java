package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.cli.Main;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.store.SqliteDatabase;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import io.needleguard.testing.ChildProcesses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole product against a real broker (Debian's Mosquitto), as a home automation would consume it. */
class MqttEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Mosquitto broker;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        Mosquitto.assumeInstalled();
        broker = Mosquitto.plain(dir.resolve("broker"));
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            ChildProcesses.stop(p, Duration.ZERO); // killed, as the test does to them anyway
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static Set<String> ids(List<TestSubscriber.Received> messages) {
        return messages.stream()
                .filter(m -> m.topic().endsWith("/session"))
                .map(m -> m.json().get("sessionId").asText())
                .collect(Collectors.toSet());
    }

    @Test
    void aSubscriberReceivesEverySessionOfAReplayedMonthExactlyAsTheHistoryHoldsIt() throws Exception {
        Path data = dir.resolve("data");
        try (TestSubscriber subscriber = new TestSubscriber(broker.url(), "needleguard/#")) {
            StringWriter err = new StringWriter();
            int code = Main.execute(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err),
                    "demo",
                    "--data-dir",
                    data.toString(),
                    "--mqtt",
                    broker.url(),
                    "--ms-per-day",
                    "0");
            assertEquals(0, code, err.toString());
            int sessions = Scenarios.builtIn().sessions().size();
            Await.until(
                    () -> ids(subscriber.seen()).size() == sessions,
                    WAIT,
                    "every session of the demo at the subscriber",
                    () -> ids(subscriber.seen()).size());

            List<TestSubscriber.Received> received = subscriber.seen();
            PayloadSchemas.assertAllValid(received);
            Map<String, JsonNode> latest = new LinkedHashMap<>();
            received.stream()
                    .filter(m -> m.topic().endsWith("/session"))
                    .forEach(m -> latest.put(m.json().get("sessionId").asText(), m.json()));
            try (SqliteStore history = SqliteStore.open(data)) {
                Map<String, ZoneId> zones = history.sessions().ownerZones();
                for (RecordedSession row : history.sessions().list(HistoryQuery.all())) {
                    ObjectNode got = latest.get(row.session().id().toString()).deepCopy();
                    got.remove("schemaVersion");
                    got.remove("update");
                    assertEquals(false, got.remove("deleted").asBoolean(), "a pen's session is never deleted");
                    assertEquals(
                            SessionJson.write(SessionJson.toJson(
                                    row, zones.get(row.session().owner()))),
                            SessionJson.write(got));
                }
                assertEquals(0, history.outbox().size(), "the outbox is empty once everything is delivered");
            }
            assertTrue(received.stream().anyMatch(m -> m.topic().equals("needleguard/alex/next-safe")));
        }
    }

    @Test
    void aGatewayKilledWhilePublishingLosesNothingAndRepeatsAtMostTheMessagesInFlight() throws Exception {
        Path data = dir.resolve("data");
        Path month = busyMonth();
        Path quiet = dir.resolve("quiet.json");
        Files.writeString(
                quiet,
                "{\"name\": \"quiet\", \"start\": \"2026-01-05T19:00:00+01:00\", \"pens\": [{\"serial\": \"SIM-0001\"}],"
                        + " \"sessions\": []}");

        try (TestSubscriber ha = TestSubscriber.persistent(broker.url(), "home-assistant", "needleguard/+/session");
                TestSubscriber status = TestSubscriber.persistent(broker.url(), "status-watch", "needleguard/status")) {
            Process first = gateway(data, month, "first");
            Await.until(() -> ids(ha.seen()).size() >= 5, WAIT, "the gateway publishes", () -> log("first"));
            first.destroyForcibly(); // SIGKILL: no goodbye, nothing flushed
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            Await.until(
                    () -> status.seen().stream().anyMatch(m -> m.json().asText().equals("offline")),
                    WAIT,
                    "the broker tells everyone the gateway is gone (Last Will)");

            gateway(data, quiet, "second"); // back, with nothing new to record
            Set<String> recorded;
            try (SqliteStore history = SqliteStore.open(data)) {
                recorded = history.sessions().list(HistoryQuery.all()).stream()
                        .map(r -> r.session().id().toString())
                        .collect(Collectors.toSet());
            }
            assertTrue(recorded.size() >= 5);
            Await.until(
                    () -> ids(ha.seen()).containsAll(recorded),
                    WAIT,
                    "every recorded session at the consumer",
                    () -> "missing " + missing(recorded, ha) + "\n" + log("second"));
            long sessionMessages = ha.seen().stream()
                    .filter(m -> m.topic().endsWith("/session"))
                    .count();
            long duplicates = sessionMessages - ids(ha.seen()).size();
            assertTrue(duplicates <= MqttTransport.MAX_IN_FLIGHT, duplicates + " duplicates");
        }
    }

    @Test
    void aWrongPasswordNeitherStopsRecordingNorChangesTheExitCode() throws Exception {
        broker.close();
        broker = Mosquitto.withLogin(dir.resolve("secured"), "gateway", "right");
        Path data = dir.resolve("data");
        Path passwordFile = Files.writeString(dir.resolve("mqtt-password"), "wrong\n");
        Process gateway =
                gateway(data, busyMonth(), "login", "username: gateway, password-file: " + passwordFile + ", ");

        Await.until(
                () -> log("login").contains("refused the login of user 'gateway'"),
                WAIT,
                "the refused login logged",
                () -> log("login"));
        Await.until(() -> recordedSessions(data) >= 3, WAIT, "recording goes on", () -> log("login"));
        assertTrue(gateway.isAlive());

        Files.writeString(passwordFile, "right\n");
        org.eclipse.paho.client.mqttv3.MqttConnectOptions login =
                new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        login.setUserName("gateway");
        login.setPassword("right".toCharArray());
        try (TestSubscriber ha = new TestSubscriber(broker.url(), login, "needleguard/+/session")) {
            Await.until(() -> ids(ha.seen()).size() >= 3, WAIT, "publishing resumes once fixed", () -> log("login"));
        }
        gateway.destroy(); // SIGTERM, as systemd stops it
        assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, gateway.exitValue(), "stopped by SIGTERM like any run: MQTT trouble changes no exit code");
        assertEquals(
                1, countOccurrences(log("login"), "refused the login of user 'gateway'"), "said once, not per retry");
    }

    private static long countOccurrences(String text, String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).count();
    }

    private static int recordedSessions(Path data) {
        if (!Files.exists(data.resolve(SqliteDatabase.FILE_NAME))) {
            return 0;
        }
        try (SqliteStore history = SqliteStore.open(data)) {
            return history.sessions().list(HistoryQuery.all()).size();
        }
    }

    private Path busyMonth() throws Exception {
        Path month = dir.resolve("busy.json");
        StringBuilder sessions = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sessions.append(i == 0 ? "" : ",\n")
                    .append(String.format(
                            "{\"pen\": \"SIM-0001\", \"at\": \"PT%dS\", \"area\": \"forehead\", \"depthMm\": 0.25, \"strokeHz\": 110,"
                                    + " \"duration\": \"PT1S\", \"cartridge\": \"K-%d\"}",
                            i * 2, i));
        }
        Files.writeString(
                month,
                "{\"name\": \"busy\", \"start\": \"2026-01-05T19:00:00+01:00\", \"pens\": [{\"serial\": \"SIM-0001\"}],"
                        + " \"sessions\": [" + sessions + "]}");
        return month;
    }

    private static Set<String> missing(Set<String> recorded, TestSubscriber ha) {
        Set<String> missing = new java.util.TreeSet<>(recorded);
        missing.removeAll(ids(ha.seen()));
        return missing;
    }

    /** {@code needleguard run} in its own JVM, with simulated pens replaying {@code scenario} from now. */
    private Process gateway(Path data, Path scenario, String name) throws Exception {
        return gateway(data, scenario, name, "");
    }

    private Process gateway(Path data, Path scenario, String name, String mqttExtra) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(
                config,
                "data-dir: " + data + "\n"
                        + "ble: {backend: sim, options: {scenario: " + scenario + ", lead-seconds: 0}}\n"
                        + "mqtt: {url: \"" + broker.url() + "\", " + mqttExtra
                        + "client-id: needleguard-e2e, discovery: {enabled: false}}\n"
                        + "pens: [{serial: SIM-0001}]\n"
                        + "dashboard: {listen: '127.0.0.1:0'}\n");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        "io.needleguard.cli.Main",
                        "run",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(ChildProcesses.watch(p));
        return p;
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (Exception e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
