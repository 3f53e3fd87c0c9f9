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

    /** A command with this test's history and configuration after what it gives. */
    private Run run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        return asTyped(all);
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
        assertTrue(
                !r.out().contains("speed.out-of-range"),
                "a roller has no stroke rate to measure, so nothing is said about one: " + r.out());
        assertTrue(
                r.out().contains("next session on cheeks: from Sat 12 Dec 2026 00:00  (spacing.min-interval"), r.out());

        List<OutboundMessage> messages = outbox();
        assertEquals(
                List.of("needleguard/alex/session"),
                messages.stream().map(OutboundMessage::topic).toList(),
                "no finding: its head's id is given, and a roller has no stroke rate to check");
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
                                        + ",hand,roller-1"),
                csv.out());
        Run table = ok("history");
        assertTrue(
                table.out()
                        .contains("hand-1  alex   cheeks      0.50 mm       -   8m00s  R-7  logged by hand (roller-1)"),
                table.out());
    }

    @Test
    void oneRollerUsedByTwoPeopleHalfAnHourApartIsSharedNeedlesForBothAndCritical() {
        ok("log", "--area", "cheeks", "--device", "roller-1", "--at", "2026-11-20T19:00", "--duration", "5m");
        Run own = ok("log", "--area", "cheeks", "--device", "roller-1", "--at", "2026-11-27T19:00", "--duration", "5m");
        assertTrue(
                !own.out().contains("cartridge.reuse"),
                "its owner using it again is how a roller is used: " + own.out());

        Run sam = ok("log", "--area", "chin", "--device", "roller-1", "--owner", "sam", "--at", "2026-11-27T19:35");
        assertTrue(
                sam.out()
                        .contains("    CRITICAL cartridge.reuse: Roller roller-1 was already used on another person"
                                + " (alex, Fri 27 Nov 2026). A roller's needles cannot be replaced"),
                sam.out());
        // Sam had used it before, logged late: alex's session after that is judged again, and flagged too.
        Run late = ok("log", "--area", "neck", "--device", "roller-1", "--owner", "sam", "--at", "2026-11-26T19:00");
        assertTrue(late.out().contains("judged again:"), late.out());
        assertTrue(
                late.out()
                        .contains("CRITICAL cartridge.reuse: Roller roller-1 was already used on another person"
                                + " (sam, Thu 26 Nov 2026)"),
                late.out());
    }

    @Test
    void aPenLoggedByHandWithoutACartridgeIdSaysReuseWasNotCheckedAndItsStrokeRateWasNotMeasured() {
        Run r = ok("log", "--area", "cheeks", "--device", "pen-2", "--depth", "0.25", "--at", "2026-11-28T19:00");
        assertTrue(
                r.out()
                        .contains("    INFO cartridge.reuse: No cartridge id: reuse not checked. The session was logged"
                                + " by hand without a cartridge id"),
                r.out());
        assertTrue(r.out().contains("(needleguard log edit hand-1 --cartridge C-12)"), r.out());
        assertTrue(
                r.out().contains("    INFO speed.out-of-range: No stroke rate: the session was logged by hand,"),
                r.out());
        assertTrue(
                ok("history", "--owner", "sam")
                        .out()
                        .endsWith("1 session, 0 with findings, 1 more with information only" + " (about the data)\n"),
                "notes about the data are not counted as findings");
        Run roller = ok("log", "--area", "chin", "--device", "roller-1", "--at", "2026-11-28T19:00");
        assertTrue(
                !roller.out().contains("cartridge.reuse") && !roller.out().contains("speed.out-of-range"),
                "a roller is its own needle set, and has no stroke rate: " + roller.out());
    }

    /** A command line exactly as given, on this test's clock: no options appended. */
    private Run asTyped(String... args) {
        CommandLine cli = Main.commandLine();
        CommandLine log = cli.getSubcommands().get("log");
        ((LogCommand) log.getCommand()).clock = clock;
        ((LogCommand.Edit) log.getSubcommands().get("edit").getCommand()).clock = clock;
        ((LogCommand.Delete) log.getSubcommands().get("delete").getCommand()).clock = clock;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aMistypedDataDirIsRefusedAndTheEntryIsNotStoredElsewhere() {
        Path typo = dir.resolve("dta");
        Run r = asTyped(
                "log",
                "--area",
                "cheeks",
                "--device",
                "roller-1",
                "--data-dir",
                typo.toString(),
                "--config",
                config.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("no history in " + typo + " (given with --data-dir)"), r.err());
        assertTrue(r.err().contains("or add --new-history to start one there with this"), r.err());
        assertTrue(!Files.exists(typo));

        Run started = asTyped(
                "log",
                "--area",
                "cheeks",
                "--device",
                "roller-1",
                "--new-history",
                "--data-dir",
                typo.toString(),
                "--config",
                config.toString());
        assertEquals(0, started.code(), started.err());
        assertTrue(started.out().startsWith("logged hand-1: alex, cheeks"), started.out());
    }

    @Test
    void optionsBeforeEditOrDeleteAreHonouredOrRefusedNeverIgnored() {
        ok("log", "--area", "cheeks", "--device", "roller-1", "--at", "2026-11-27T19:00");
        String d = data.toString();
        String c = config.toString();

        Run edited = asTyped("log", "--data-dir", d, "--config", c, "edit", "hand-1", "--duration", "6m");
        assertEquals(0, edited.code(), edited.err());
        assertTrue(edited.out().startsWith("corrected hand-1: alex, cheeks at 0.50 mm, Fri 27 Nov 2026 19:00, 6m00s"));

        Run area = asTyped("log", "--area", "chin", "--data-dir", d, "--config", c, "edit", "hand-1");
        assertEquals(2, area.code(), area.out() + area.err());
        assertTrue(
                area.err()
                        .contains("--area before 'edit' is not used there: give what to correct after the session's"
                                + " id"),
                area.err());
        Run twice = asTyped("log", "--data-dir", d, "edit", "hand-1", "--duration", "7m", "--data-dir", d + "x");
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("--data-dir is given twice"), twice.err());

        Run deleted = asTyped("log", "--data-dir", d, "--config", c, "delete", "hand-1");
        assertEquals(0, deleted.code(), deleted.err());
        assertTrue(deleted.out().startsWith("deleted hand-1"), deleted.out());
    }

    @Test
    void loggedWithoutATimeItEndedThenAndADurationGivenLaterCountsBackFromThere() {
        Run logged = ok("log", "--area", "cheeks", "--device", "roller-1");
        assertTrue(
                logged.out()
                        .startsWith("logged hand-1: alex, cheeks at 0.50 mm, Sat 28 Nov 2026 20:30, duration not"
                                + " given"),
                logged.out());
        clock.advance(Duration.ofMinutes(2));
        Run corrected = ok("log", "edit", "hand-1", "--duration", "10m");
        assertTrue(
                corrected.out().startsWith("corrected hand-1: alex, cheeks at 0.50 mm, Sat 28 Nov 2026 20:20, 10m00s"),
                "it ended when it was logged, 20:30, so it started 10 minutes before: " + corrected.out());
        Run longer = ok("log", "edit", "hand-1", "--duration", "12m");
        assertTrue(longer.out().startsWith("corrected hand-1: alex, cheeks at 0.50 mm, Sat 28 Nov 2026 20:18, 12m00s"));
    }

    @Test
    void aTimeIsTakenAsHistoryPrintsIt() {
        String printed = ok("history")
                .out()
                .lines()
                .filter(l -> l.contains("NP-1:1"))
                .findFirst()
                .orElseThrow()
                .substring(0, 16);
        assertEquals("2026-11-24 19:00", printed);
        Run r = ok("log", "--area", "chin", "--depth", "0.25", "--owner", "sam", "--at", printed);
        assertTrue(r.out().startsWith("logged hand-1: sam, chin at 0.25 mm, Tue 24 Nov 2026 19:00"), r.out());
        Run status = ok("status", "--owner", "sam", "--at", "2026-11-25 12:00");
        assertTrue(status.out().contains("as of Wed 25 Nov 12:00"), status.out());
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
                "needleguard: 'hand1': a session id looks like SERIAL:COUNTER or SERIAL:GENERATION.COUNTER (a pen's)"
                        + " or hand-N (logged by hand), not 'hand1'; 'needleguard history' shows the ids (sessions"
                        + " logged by hand are hand-N)",
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
