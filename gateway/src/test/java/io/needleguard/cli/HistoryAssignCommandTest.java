package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code needleguard history assign} as a user runs it: a session of alex's pen that was sam's, given to
 * sam; what it prints, its exit codes, what {@code history} shows after and what is left for MQTT.
 */
class HistoryAssignCommandTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Saturday 28 November 2026, 20:30 in New York. */
    private static final Instant NOW = Instant.parse("2026-11-29T01:30:00Z");

    @TempDir
    Path dir;

    private Path data;
    private Path config;
    private final TestClock clock = new TestClock(NOW);

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        CommandLine cli = Main.commandLine();
        ((HistoryAssignCommand) cli.getSubcommands()
                        .get("history")
                        .getSubcommands()
                        .get("assign")
                        .getCommand())
                .clock = clock;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), r.out() + r.err());
        return r;
    }

    private String refused(String... args) {
        Run r = run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        return r.err().strip();
    }

    private List<OutboundMessage> outbox() {
        try (SqliteStore store = SqliteStore.open(data)) {
            List<OutboundMessage> messages = store.outbox().oldest(1000).stream()
                    .map(Outbox.Entry::message)
                    .toList();
            messages.forEach(m -> PayloadSchemas.assertValid(m.topic(), json(m)));
            store.outbox().oldest(1000).forEach(e -> store.outbox().acknowledge(e.id()));
            return messages;
        }
    }

    private static JsonNode json(OutboundMessage m) {
        try {
            return SessionJson.MAPPER.readTree(m.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Alex's pen: used by sam on Tuesday (recorded as alex's), by alex on Thursday, same area. */
    @BeforeEach
    void twoSessionsOfAlexsPenTheFirstOfThemSams() throws Exception {
        data = dir.resolve("data");
        config = dir.resolve("needleguard.yaml");
        Files.writeString(config, """
                ble: {backend: sim}
                mqtt: {url: "tcp://localhost:1", client-id: ng-assign-test}
                owners:
                  - {id: alex, zone: America/New_York}
                  - {id: sam, zone: America/New_York}
                pens:
                  - {serial: NP-1, owner: alex}
                """);
        try (SqliteStore store = SqliteStore.open(data)) {
            Household household =
                    new Household(List.of(new Owner("alex", NEW_YORK), new Owner("sam", NEW_YORK)), Map.of(), NEW_YORK);
            store.sessions().saveOwners(household.owners());
            SessionRecorder recorder = new SessionRecorder(
                    store.history(), SafetyCheck.standard(), household, clock, RecorderListener.NONE);
            recorder.record(penSession(1, Instant.parse("2026-11-25T00:00:00Z")));
            recorder.record(penSession(2, Instant.parse("2026-11-27T00:00:00Z")));
            store.outbox().oldest(1000).forEach(e -> store.outbox().acknowledge(e.id()));
        }
    }

    private static Session penSession(long counter, Instant start) {
        return new Session(
                new SessionId("NP-1", counter),
                "alex",
                Area.NOSE,
                Depth.ofMm("0.25"),
                120,
                start,
                start.plus(Duration.ofMinutes(5)),
                "C-" + counter);
    }

    @Test
    void aSessionGivenToSamFreesAlexsNextOneIsPublishedForBothAndHistoryShowsWhoseItWas() {
        assertTrue(ok("history").out().contains("spacing.min-interval"), "before: alex's Thursday is too soon");

        Run r = ok("history", "assign", "NP-1:1", "--owner", "sam");

        assertTrue(
                r.out()
                        .startsWith(
                                "assigned NP-1:1 to sam (was alex): sam, nose at 0.25 mm, Tue 24 Nov 2026 19:00, 5m00s"),
                r.out());
        assertTrue(r.out().contains("alex: 1 recorded session was judged again:"), r.out());
        List<OutboundMessage> messages = outbox();
        List<String> sessions = messages.stream()
                .filter(m -> m.topic().equals("needleguard/NP-1/session"))
                .map(m -> json(m).get("sessionId").asText() + " "
                        + json(m).get("owner").asText())
                .toList();
        assertEquals(List.of("NP-1:1 sam", "NP-1:2 alex"), sessions, "updated where the pen's sessions go");
        assertTrue(
                messages.stream()
                        .anyMatch(m -> m.topic().equals("needleguard/NP-1/alert")
                                && json(m).get("resolved").asBoolean()),
                "alex's Thursday's finding resolved");

        String table = ok("history").out();
        assertTrue(!table.contains("spacing.min-interval"), table);
        assertTrue(table.contains("was alex until 2026-11-28 20:30"), table);
        String json = ok("history", "--format", "json").out();
        assertTrue(json.contains("\"previousOwner\" : \"alex\""), json);
        assertTrue(json.contains("\"ownerChangedAt\" : \"2026-11-28T20:30:00-05:00\""), json);
        try (SqliteStore store = SqliteStore.open(data)) {
            assertEquals(
                    penSession(1, Instant.parse("2026-11-25T00:00:00Z"))
                            .withOwner("sam")
                            .inZone(NEW_YORK),
                    store.sessions()
                            .find(new SessionId("NP-1", 1))
                            .orElseThrow()
                            .session(),
                    "what the pen measured is untouched");
        }
    }

    @Test
    void refusalsNameTheFixAndExitWith2() {
        assertTrue(refused("history", "assign", "NP-1:9", "--owner", "sam").contains("'needleguard history' lists"));
        assertTrue(refused("history", "assign", "NP-1:1", "--owner", "kim").contains("give one of: alex, sam"));
        assertTrue(refused("history", "assign", "NP-1:1", "--owner", "alex").contains("already alex's"));
        assertTrue(refused("history", "assign", "NP-1:1").contains("--owner"));
        assertEquals(List.of(), outbox(), "nothing to publish");
    }
}
