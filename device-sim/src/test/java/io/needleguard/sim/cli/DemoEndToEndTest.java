package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.cli.Main;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.sim.mqtt.EmbeddedBroker;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it: simulated pens, the real gateway, a broker with a subscriber on it, and
 * the history on disk. What the subscriber received must be exactly what the history holds.
 */
class DemoEndToEndTest {

    private static final Pattern ACKNOWLEDGED = Pattern.compile("acknowledged (\\d+) messages? of sessions and alerts");

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int demo(String... args) {
        return demo(dataDir, out, err, args);
    }

    /** {@code demo} as fast as it goes, keeping its history in {@code dataDir}. */
    static int demo(Path dataDir, StringWriter out, StringWriter err, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "demo";
        all[1] = "--data-dir";
        all[2] = dataDir.toString();
        all[3] = "--ms-per-day";
        all[4] = "0";
        System.arraycopy(args, 0, all, 5, args.length);
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void everySessionReachesTheBrokerExactlyAsTheHistoryHoldsIt() throws Exception {
        int sessions = Scenarios.builtIn().sessions().size();
        List<TestSubscriber.Received> received;
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                TestSubscriber subscriber = new TestSubscriber(broker.url(), "needleguard/#")) {

            assertEquals(0, demo("--mqtt", broker.url()), err.toString());

            received = receivedFromTheDemo(subscriber, out.toString());
            assertPublishedAsStored(received, dataDir, sessions);
        }
        String console = out.toString();
        assertTrue(console.contains(sessions + " sessions recorded"), console);
        long sessionMessages =
                received.stream().filter(m -> m.topic().endsWith("/session")).count();
        long alertMessages =
                received.stream().filter(m -> m.topic().endsWith("/alert")).count();
        assertTrue(
                console.contains(
                        "acknowledged " + (sessionMessages + alertMessages) + " messages of sessions and alerts"),
                "the summary counts what the broker acknowledged: " + console);
        assertTrue(
                console.contains(
                        "a subscriber received " + sessionMessages + " session messages, " + alertMessages + " alerts"),
                "and what a subscriber received: " + console);
        assertTrue(console.contains("CRITICAL depth.home-limit: Needled body at 1.50 mm"), console);
        assertTrue(console.contains("is out of range"), console);
        assertTrue(console.contains("re-evaluated SIM-0002:2"), console);
    }

    @Test
    void aSecondRunStoresNothingTwiceAndSaysSo() throws Exception {
        assertEquals(0, demo());
        out.getBuffer().setLength(0);
        assertEquals(0, demo());
        String console = out.toString();
        assertTrue(console.contains("0 sessions recorded"), console);
        // Every one of them, also those a pen kept while out of range (the gateway does not fetch them again).
        assertTrue(
                console.contains(Scenarios.builtIn().sessions().size()
                        + " sessions were already in the history and not stored again"),
                console);
        try (SqliteStore history = SqliteStore.open(dataDir)) {
            assertEquals(
                    Scenarios.builtIn().sessions().size(),
                    history.sessions().list(HistoryQuery.all()).size());
        }
    }

    @Test
    void anUnreachableBrokerLosesNoSessionAndTheExitCodeSaysItFailed() {
        int code = demo("--mqtt", "tcp://127.0.0.1:" + EmbeddedBroker.freePort());
        assertEquals(1, code);
        assertTrue(out.toString().contains("messages could not be delivered"), out.toString());
        try (SqliteStore history = SqliteStore.open(dataDir)) {
            assertEquals(
                    Scenarios.builtIn().sessions().size(),
                    history.sessions().list(HistoryQuery.all()).size());
        }
    }

    /**
     * What {@code subscriber} received from a demo that has ended: as many session and alert messages as
     * the demo says the broker acknowledged, then whatever else the broker had sent it by then.
     */
    static List<TestSubscriber.Received> receivedFromTheDemo(TestSubscriber subscriber, String console)
            throws Exception {
        Matcher said = ACKNOWLEDGED.matcher(console);
        assertTrue(said.find(), "the demo says what the broker acknowledged: " + console);
        long acknowledged = Long.parseLong(said.group(1));
        Await.until(
                () -> sessionsAndAlerts(subscriber.seen()) >= acknowledged,
                Duration.ofSeconds(30),
                "the " + acknowledged + " session and alert messages the broker acknowledged, at the subscriber",
                () -> sessionsAndAlerts(subscriber.seen()));
        subscriber.upToNow();
        return subscriber.seen();
    }

    private static long sessionsAndAlerts(List<TestSubscriber.Received> received) {
        return received.stream()
                .filter(m -> m.topic().endsWith("/session") || m.topic().endsWith("/alert"))
                .count();
    }

    /**
     * Every session in the history at {@code dataDir} was received exactly as stored (its latest
     * message: a late arrival re-publishes one as an update), and every finding was published once.
     */
    static void assertPublishedAsStored(List<TestSubscriber.Received> received, Path dataDir, int sessions) {
        try (SqliteStore history = SqliteStore.open(dataDir)) {
            List<RecordedSession> rows = history.sessions().list(HistoryQuery.all());
            assertEquals(sessions, rows.size());
            Map<String, JsonNode> latest = new LinkedHashMap<>();
            received.stream()
                    .filter(m -> m.topic().endsWith("/session"))
                    .forEach(m -> latest.put(m.json().get("sessionId").asText(), m.json()));
            assertEquals(sessions, latest.size());
            Map<String, ZoneId> zones = history.sessions().ownerZones();
            for (RecordedSession row : rows) {
                ObjectNode expected =
                        SessionJson.toJson(row, zones.get(row.session().owner()));
                ObjectNode got = latest.get(row.session().id().toString()).deepCopy();
                assertEquals(1, got.remove("schemaVersion").asInt());
                got.remove("update");
                assertEquals(false, got.remove("deleted").asBoolean(), "a pen's session is never deleted");
                assertEquals(SessionJson.write(expected), SessionJson.write(got));
                assertTrue(received.stream()
                        .anyMatch(m -> m.topic()
                                .equals("needleguard/" + row.session().pen().orElseThrow() + "/session")));
            }
            long findings = rows.stream().mapToLong(r -> r.findings().size()).sum();
            List<TestSubscriber.Received> recordedAlerts = received.stream()
                    .filter(m -> m.topic().endsWith("/alert")
                            && !m.json().path("live").asBoolean())
                    .toList();
            long alerts = recordedAlerts.stream()
                    .filter(m -> !m.json().get("update").asBoolean())
                    .count();
            long updates = recordedAlerts.stream()
                    .filter(m -> m.json().get("update").asBoolean())
                    .count();
            assertEquals(findings, alerts + updates, "every finding in the history was published once");
        }
    }
}
