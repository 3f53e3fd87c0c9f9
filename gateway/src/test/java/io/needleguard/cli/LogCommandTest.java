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
import io.needleguard.testing.CpuBudget;
import io.needleguard.testing.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * {@code needleguard log}, {@code log edit} and {@code log delete} as a user runs them, on a history in a
 * temporary directory, with the clock the test sets: what they print, their exit codes, what the history
 * holds after, and the MQTT messages they leave in the outbox for the gateway to publish.
 */
class LogCommandTest {

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
        CommandLine log = cli.getSubcommands().get("log");
        ((LogCommand) log.getCommand()).clock = clock;
        ((LogCommand.Edit) log.getSubcommands().get("edit").getCommand()).clock = clock;
        ((LogCommand.Delete) log.getSubcommands().get("delete").getCommand()).clock = clock;
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
        assertEquals("", r.out(), "nothing logged");
        return r.err().strip();
    }

    /** The messages the commands left for the gateway to publish, checked against their schemas, oldest first. */
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
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void aHouseholdWithARollerAPenWithoutBluetoothAndAPensSession() throws Exception {
        data = dir.resolve("data");
        config = dir.resolve("needleguard.yaml");
        Files.writeString(config, """
                ble: {backend: sim}
                mqtt: {url: "tcp://localhost:1", client-id: ng-log-test}
                owners:
                  - {id: alex, zone: America/New_York}
                  - {id: sam, zone: America/New_York}
                pens:
                  - {serial: NP-1, owner: alex}
                devices:
                  - {id: roller-1, kind: roller, owner: alex, needle-length-mm: 0.5}
                  - {id: pen-2, kind: pen, owner: sam}
                """);
        try (SqliteStore store = SqliteStore.open(data)) {
            Household household =
                    new Household(List.of(new Owner("alex", NEW_YORK), new Owner("sam", NEW_YORK)), Map.of(), NEW_YORK);
            store.sessions().saveOwners(household.owners());
            Instant start = Instant.parse("2026-11-25T00:00:00Z"); // Tue 24 Nov 19:00 in New York
            new SessionRecorder(store.history(), SafetyCheck.standard(), household, clock, RecorderListener.NONE)
                    .record(new Session(
                            new SessionId("NP-1", 1),
                            "alex",
                            Area.NOSE,
                            Depth.ofMm("0.25"),
                            120,
                            start,
                            start.plus(Duration.ofMinutes(5)),
                            "C-1"));
        }
    }

    @Test
    void aRollerSessionIsLoggedJudgedAndReadyForMqttAndTheHistoryMarksItAsLoggedByHand() {
        Run r = ok("log", "--area", "cheeks", "--device", "roller-1", "--duration", "8m", "--cartridge", "R-7");

        assertEquals(
                "logged hand-1: alex, cheeks at 0.50 mm, Sat 28 Nov 2026 20:22, 8m00s, cartridge R-7, roller-1",
                r.out().lines().findFirst().orElseThrow(),
                "without --at it ended just now, in the owner's zone");
        assertTrue(r.out().contains("    INFO speed.out-of-range: No stroke rate"), r.out());
        assertTrue(
                r.out().contains("next session on cheeks: from Sat 12 Dec 2026 00:00  (spacing.min-interval"), r.out());

        List<OutboundMessage> messages = outbox();
        assertEquals(
                List.of("needleguard/alex/session", "needleguard/alex/alert"),
                messages.stream().map(OutboundMessage::topic).toList());
        assertEquals("hand", json(messages.get(0)).get("recordedBy").asText());

        Run json = ok("history", "--format", "json");
        assertTrue(json.out().contains("\"sessionId\" : \"hand-1\""), json.out());
        assertTrue(json.out().contains("\"recordedBy\" : \"hand\""), json.out());
        assertTrue(json.out().contains("\"device\" : \"roller-1\""), json.out());
        Run csv = ok("history", "--format", "csv");
        assertTrue(
                csv.out()
                        .contains(
                                ",hand-1,alex,2026-11-28T20:22:00-05:00,2026-11-28T20:30:00-05:00,cheeks,0.5,,480,R-7,"
                                        + "info speed.out-of-range,hand,roller-1"),
                csv.out());
        Run table = ok("history");
        assertTrue(
                table.out()
                        .contains("hand-1  alex   cheeks      0.50 mm       -   8m00s  R-7  logged by hand (roller-1)"),
                table.out());
    }

    @Test
    void criticalFindingsAreInformationTheSessionIsLoggedAndTheExitCodeIsZero() {
        Run r = ok("log", "--area", "eyelids", "--depth", "0.25", "--owner", "sam", "--at", "2026-11-28T19:00");
        assertTrue(
                r.out().startsWith("logged hand-1: sam, eyelids at 0.25 mm, Sat 28 Nov 2026 19:00, duration not given"),
                r.out());
        assertTrue(r.out().contains("CRITICAL area.not-for-needling"), r.out());
        assertTrue(r.out().contains("next session on eyelids: not at home  (area.not-for-needling"), r.out());
    }

    @Test
    void aSessionLoggedLateJudgesThePensSessionAfterItAgainAndSaysSo() {
        Run r = ok(
                "log",
                "--area",
                "nose",
                "--depth",
                "0.25",
                "--owner",
                "alex",
                "--at",
                "2026-11-23T19:00:00-05:00",
                "--duration",
                "5m");
        assertTrue(r.out().contains("1 recorded session was judged again:"), r.out());
        assertTrue(r.out().contains("NP-1      alex   nose"), r.out());
        assertTrue(r.out().contains("CRITICAL spacing.min-interval"), r.out());
        List<String> topics = outbox().stream().map(OutboundMessage::topic).toList();
        assertEquals(
                List.of(
                        "needleguard/alex/session",
                        "needleguard/alex/alert",
                        "needleguard/NP-1/session",
                        "needleguard/NP-1/alert"),
                topics);
    }

    @Test
    void aCorrectionAndADeleteJudgeAgainWhatFollowsAndLeaveTheirMessagesForTheGateway() {
        ok(
                "log",
                "--area",
                "nose",
                "--depth",
                "0.25",
                "--owner",
                "alex",
                "--at",
                "2026-11-23T19:00",
                "--duration",
                "5m");
        outbox();

        Run edited = ok("log", "edit", "hand-1", "--area", "chin", "--duration", "6m");
        assertTrue(
                edited.out().startsWith("corrected hand-1: alex, chin at 0.25 mm, Mon 23 Nov 2026 19:00, 6m00s"),
                edited.out());
        assertTrue(
                edited.out().contains("1 recorded session was judged again:"), "the pen's nose session is free again");
        List<OutboundMessage> afterEdit = outbox();
        assertEquals("needleguard/alex/session", afterEdit.get(0).topic());
        assertTrue(json(afterEdit.get(0)).get("update").asBoolean());
        assertTrue(afterEdit.stream()
                .anyMatch(m -> m.topic().equals("needleguard/NP-1/alert")
                        && json(m).get("resolved").asBoolean()));

        Run deleted = ok("log", "delete", "hand-1");
        assertEquals("deleted hand-1: alex, chin at 0.25 mm, Mon 23 Nov 2026 19:00, 6m00s\n", deleted.out());
        List<OutboundMessage> afterDelete = outbox();
        assertTrue(json(afterDelete.get(0)).get("deleted").asBoolean());
        assertTrue(ok("history", "--format", "csv").out().lines().noneMatch(l -> l.contains("hand-1")));
        assertEquals(
                "needleguard: there is no session hand-1 (deleted, or never logged); 'needleguard history' lists the"
                        + " sessions with their ids",
                refused("log", "delete", "hand-1"));
    }

    @Test
    void aPensSessionCannotBeEditedOrDeletedAndSaysWhy() {
        String why = "needleguard: NP-1:1 was recorded by pen NP-1: a pen's record is what it measured, so it cannot"
                + " be corrected or deleted; only sessions logged by hand (hand-N) can";
        assertEquals(why, refused("log", "edit", "NP-1:1", "--depth", "0.5"));
        assertEquals(why, refused("log", "delete", "NP-1:1"));
        assertEquals(
                "needleguard: 'hand1': a session id looks like SERIAL:COUNTER (a pen's) or hand-N (logged by hand),"
                        + " not 'hand1'; 'needleguard history' shows the ids (sessions logged by hand are hand-N)",
                refused("log", "delete", "hand1"));
    }

    @Test
    void anAreaNotForNeedlingIsAcceptedButBadInputIsRefusedWithExitTwoAndTheFix() {
        assertEquals(
                "needleguard: --area: 'cheek' is not an area (did you mean 'cheeks'?); use one of: unspecified,"
                        + " forehead, periorbital, eyelids, nose, upper-lip, cheeks, chin, jawline, neck, decollete,"
                        + " hands, body",
                refused("log", "--area", "cheek", "--depth", "0.5", "--owner", "alex"));
        assertEquals(
                "needleguard: a depth of 3.50 mm is out of range: give 0.01 to 3.00 mm (no needling device for the"
                        + " skin goes deeper than 3 mm)",
                refused("log", "--area", "cheeks", "--depth", "3.5", "--owner", "alex"));
        assertEquals(
                "needleguard: --depth: 0.123 mm cannot be set on a device; give the depth in mm with at most two"
                        + " decimals, e.g. 0.25",
                refused("log", "--area", "cheeks", "--depth", "0.123", "--owner", "alex"));
        assertEquals(
                "needleguard: the session would start on Sat 28 Nov 2026 20:35 (America/New_York), 5 minutes from"
                        + " now: log a session once it has happened, with the time it started, or without a time for"
                        + " one that ended just now",
                refused("log", "--area", "cheeks", "--depth", "0.5", "--owner", "alex", "--at", "2026-11-28T20:35"));
        assertEquals(
                "needleguard: --device: 'rolr-1' is not a device (did you mean 'roller-1'?); known: roller-1, pen-2",
                refused("log", "--area", "cheeks", "--device", "rolr-1"));
        assertEquals(
                "needleguard: --owner: 'alx' is not an owner (did you mean 'alex'?); known: alex, sam",
                refused("log", "--area", "cheeks", "--depth", "0.5", "--owner", "alx"));
        assertEquals(
                "needleguard: --owner: this gateway records 2 people; say whose with --owner alex or --owner sam",
                refused("log", "--area", "cheeks", "--depth", "0.5"));
        assertTrue(refused("log", "--depth", "0.5", "--owner", "alex")
                .startsWith("needleguard: --area is missing: say where the skin was needled, e.g. --area cheeks"));
        assertEquals(
                "needleguard: --duration: 'ten minutes' is not a duration; use a duration such as 10m, 90s or 1h30m",
                refused("log", "--area", "cheeks", "--depth", "0.5", "--owner", "alex", "--duration", "ten minutes"));
        assertEquals(List.of(), outbox(), "nothing refused reaches MQTT");
        // A minute ahead is within the clocks' slack.
        ok("log", "--area", "cheeks", "--depth", "0.5", "--owner", "alex", "--at", "2026-11-28T20:31");
    }

    @Test
    void hostileOptionValuesAreRefusedAtOnceQuotedShortAndNeverPrintedRaw() {
        try (CpuBudget budget = new CpuBudget()) {
            // Used to compute for minutes: 1e300000000 was scaled to hundredths digit by digit.
            Run huge = budget.measure(
                            "--depth 1e300000000",
                            () -> run("log", "--area", "cheeks", "--depth", "1e300000000", "--owner", "alex"))
                    .value();
            assertEquals(2, huge.code(), huge.err());
            assertEquals(
                    "needleguard: --depth: 1E+300000000 mm is out of range: give 0.01 to 3.00 mm (no needling device"
                            + " for the skin goes deeper than 3 mm)",
                    huge.err().strip());
            // Used to print five million digits.
            Run digits = budget.measure(
                            "--depth 1e5000000",
                            () -> run("log", "--area", "cheeks", "--depth", "1e5000000", "--owner", "alex"))
                    .value();
            assertTrue(
                    digits.err().length() < 200,
                    "a short message: " + digits.err().length() + " characters");
        }
        // A raw ESC from the input recoloured (or cleared) the terminal.
        String esc =
                refused("log", "--area", "cheeks", "--depth", "0.5", "--owner", "alex", "--cartridge", "\u001b[2JC-12");
        assertEquals(
                "needleguard: '\\u001b[2JC-12' is not a cartridge id: use up to 16 letters, digits or signs without"
                        + " spaces, e.g. C-12",
                esc);
        assertTrue(refused("log", "--area", "\u001b[31mcheeks", "--depth", "0.5", "--owner", "alex")
                .startsWith("needleguard: --area: '\\u001b[31mcheeks' is not an area"));
        String megabyte = refused(
                "log", "--area", "cheeks", "--depth", "0.5", "--owner", "alex", "--cartridge", "C".repeat(100_000));
        assertTrue(megabyte.length() < 200, "the cartridge quoted by its start: " + megabyte);
        // The id was quoted whole, twice.
        String id = refused("log", "delete", "x".repeat(100_000));
        assertTrue(id.length() < 300, "the id quoted by its start: " + id.length() + " characters");
        assertEquals(List.of(), outbox(), "nothing refused reaches MQTT");
    }

    @Test
    void aSessionBefore2000IsRefusedWithTheWindow() {
        assertEquals(
                "needleguard: the session's start: 1970-01-01 is before 2000-01-01: needleguard keeps no history"
                        + " from before then; check the year",
                refused("log", "--area", "cheeks", "--depth", "0.5", "--owner", "alex", "--at", "1970-01-01T00:00"));
        assertEquals(
                "needleguard: the session's start: 2100-01-01 is more than 5 years from now; give a date up to"
                        + " 2031-11-28",
                refused("log", "--area", "cheeks", "--depth", "0.5", "--owner", "alex", "--at", "2100-01-01T00:00"));
    }
}
