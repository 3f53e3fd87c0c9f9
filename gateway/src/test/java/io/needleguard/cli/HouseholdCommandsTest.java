package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.store.SqliteStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, rules, condition, area and aftercare as a user runs them, on a history in a temporary directory. */
class HouseholdCommandsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private Path data;
    private Path config;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run household(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        return run(all);
    }

    private static Session session(long counter, String localStart, Area area, String depth) {
        Instant start = java.time.LocalDateTime.parse(localStart).atZone(BERLIN).toInstant();
        return new Session(
                new SessionId("NP-1", counter),
                "alex",
                area,
                Depth.ofMm(depth),
                120,
                start,
                start.plus(Duration.ofMinutes(8)),
                "C-" + counter);
    }

    @BeforeEach
    void aHistoryWithTwoWeeksOfAlex() throws Exception {
        data = dir.resolve("data");
        config = dir.resolve("needleguard.yaml");
        Files.writeString(config, """
                ble: {backend: sim}
                owners:
                  - {id: alex, zone: Europe/Berlin}
                pens:
                  - {serial: NP-1, owner: alex}
                """);
        try (SqliteStore store = SqliteStore.open(data)) {
            Household household = new Household(List.of(new Owner("alex", BERLIN)), Map.of("NP-1", "alex"), BERLIN);
            store.sessions().saveOwners(household.owners());
            SessionRecorder recorder = new SessionRecorder(
                    store.history(),
                    SafetyCheck.standard(),
                    household,
                    Clock.fixed(Instant.parse("2026-01-20T12:00:00Z"), ZoneOffset.UTC),
                    RecorderListener.NONE);
            recorder.record(session(1, "2026-01-05T19:00", Area.CHEEKS, "0.5"));
            recorder.record(session(2, "2026-01-12T19:00", Area.FOREHEAD, "0.25"));
            recorder.record(session(3, "2026-01-14T19:00", Area.FOREHEAD, "0.25"));
        }
    }

    @Test
    void statusShowsWhenEachAreaIsSafeAndWhy() {
        Run r = household("status", "--at", "2026-01-15T12:00:00+01:00");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("alex  (Europe/Berlin)  as of Thu 15 Jan 12:00"), r.out());
        assertTrue(r.out().contains("cheeks: from Mon 19 Jan 00:00  (spacing.min-interval)"), r.out());
        assertTrue(
                r.out().contains("the 0.50 mm session on cheeks of Mon 5 Jan 2026: at 0.50 mm wait 14 days"), r.out());
        assertTrue(r.out().contains("forehead: from Mon 19 Jan 00:00  (overuse.frequency)"), r.out());
        assertTrue(r.out().contains("2 sessions on forehead in the last 7 days; at most 2 in any 7 days"), r.out());
        assertTrue(
                r.out().contains("3 sessions on any area (an unspecified area overlaps all) in the last 30 days"),
                r.out());
        assertTrue(r.out().contains("eyelids: not at home"), r.out());
        assertTrue(r.out().contains("safe now: periorbital, nose"), r.out());
    }

    @Test
    void aConditionBlocksEveryAreaJudgesPastSessionsAgainAndCanBeEnded() {
        Run added = household(
                "condition", "add", "sunburn", "--owner", "alex", "--from", "2026-01-12", "--until", "2026-01-13");
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().contains("added #1: sunburn for alex from 2026-01-12 to 2026-01-13"), added.out());
        assertTrue(added.out().contains("1 recorded session was judged again"), added.out());
        assertTrue(added.out().contains("CRITICAL contraindication.active: Needled with sunburn"), added.out());

        Run open = household("condition", "add", "cold-sore", "--owner", "alex", "--from", "2026-01-15");
        assertTrue(open.out().contains("until you end it: needleguard condition end 2"), open.out());
        Run status = household("status", "--at", "2026-01-16T12:00:00+01:00");
        assertTrue(
                status.out().contains("condition #2 cold-sore (block list) since 2026-01-15, open-ended"),
                status.out());
        assertTrue(
                status.out().contains(": no date  (contraindication.active)"),
                "a condition with no end recorded has no date, and is not 'not at home' (a clinic would not needle"
                        + " through it either): " + status.out());
        assertTrue(!status.out().contains("not at home  (contraindication.active)"), status.out());
        assertTrue(
                status.out()
                        .contains("a cold sore (condition #2) since Thu 15 Jan 2026, no end recorded: end it once it"
                                + " is over (needleguard condition end 2)"),
                status.out());

        Run list = household("condition", "list");
        assertTrue(
                list.out().contains("#1   alex     sunburn            block    from 2026-01-12 to 2026-01-13"),
                list.out());
        Run ended = household("condition", "end", "2", "--on", "2026-01-18");
        assertEquals(0, ended.code(), ended.err());
        assertTrue(ended.out().contains("ended #2: cold-sore for alex, last day 2026-01-18"), ended.out());
    }

    @Test
    void aConditionEndingAtATimeOfDayEndsAtThatMomentEverywhere() {
        Run before = household(
                "condition",
                "add",
                "sunburn",
                "--owner",
                "alex",
                "--from",
                "2026-01-13",
                "--until",
                "2026-01-14T19:00");
        assertEquals(0, before.code(), before.err());
        assertEquals(
                "added #1: sunburn for alex from 2026-01-13 until 2026-01-14 19:00\n",
                before.out(),
                "the session that starts at 19:00 is not in it, and the time is not dropped");

        Run during = household(
                "condition",
                "add",
                "cold-sore",
                "--owner",
                "alex",
                "--from",
                "2026-01-14T08:00",
                "--until",
                "2026-01-14T19:01");
        assertTrue(
                during.out().startsWith("added #2: cold-sore for alex from 2026-01-14 08:00 until 2026-01-14 19:01"));
        assertTrue(
                during.out()
                        .contains("CRITICAL contraindication.active: Needled with a cold sore (since Wed 14 Jan 2026"
                                + " 08:00)."),
                during.out());
        assertTrue(during.out().contains("It is recorded as over from Wed 14 Jan 2026 19:01"), during.out());
        assertTrue(!during.out().contains("safe again"), during.out());

        Run list = household("condition", "list");
        assertTrue(
                list.out().contains("sunburn            block    from 2026-01-13 until 2026-01-14 19:00"), list.out());
        assertTrue(
                list.out().contains("cold-sore          block    from 2026-01-14 08:00 until 2026-01-14 19:01"),
                list.out());
        Run status = household("status", "--at", "2026-01-14T18:00:00+01:00");
        assertTrue(
                status.out()
                        .contains("condition #2 cold-sore (block list) since 2026-01-14 08:00, counts until"
                                + " 2026-01-14 19:01"),
                status.out());
        Run ended = household("condition", "end", "2", "--on", "2026-01-14T18:30");
        assertTrue(ended.out().startsWith("ended #2: cold-sore for alex, at 2026-01-14 18:30"), ended.out());
    }

    @Test
    void conditionMistakesAreUsageErrors() {
        Run unknown = household("condition", "add", "eczema");
        assertEquals(2, unknown.code());
        assertTrue(
                unknown.err()
                        .contains("'eczema' is not a condition (did you mean 'dermatitis-flare'? it covers eczema); use"
                                + " one of: skin-infection, cold-sore"),
                unknown.err());
        Run typo = household("condition", "add", "sunbrun");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("'sunbrun' is not a condition (did you mean 'sunburn'?)"), typo.err());
        Run help = household("condition", "add", "--help");
        assertEquals(0, help.code());
        String words = help.out().replaceAll("\\s+", " ");
        for (io.needleguard.household.Condition c : io.needleguard.household.Condition.values()) {
            assertTrue(words.contains(" " + c.id()), "condition add --help lists " + c.id() + ": " + help.out());
        }
        assertEquals(
                2,
                household("condition", "add", "sunburn", "--from", "2026-01-12", "--until", "2026-01-10")
                        .code());
        Run noSuch = household("condition", "end", "99");
        assertEquals(2, noSuch.code());
        assertTrue(noSuch.err().contains("there is no condition #99"), noSuch.err());
        assertEquals(
                2, household("condition", "add", "sunburn", "--owner", "bob").code());
    }

    @Test
    void datesBefore2000OrYearsAheadAreRefusedWithTheWindow() {
        String early = "is before 2000-01-01: needleguard keeps no history from before then; check the year";
        String late = "is more than 5 years from now; give a date up to ";
        assertRefused(
                "needleguard: --from: 1970-01-01 " + early, "condition", "add", "sunburn", "--from", "1970-01-01");
        assertRefused(
                "needleguard: --until: 2100-12-31 " + late,
                "condition",
                "add",
                "isotretinoin",
                "--from",
                "2026-01-01",
                "--until",
                "2100-12-31");
        assertRefused("needleguard: --at: 2100-01-01 " + late, "status", "--at", "2100-01-01T00:00");
        assertRefused("needleguard: --at: 1999-12-31 " + early, "status", "--at", "1999-12-31T12:00:00Z");
        assertRefused("needleguard: --since: 1970-01-01 " + early, "history", "--since", "1970-01-01");
        assertEquals(0, household("history", "--since", "2000-01-01").code(), "the first day of the window");
    }

    private void assertRefused(String start, String... args) {
        Run r = household(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(start), r.err());
    }

    @Test
    void theAreaOfAPensNextSessionsIsChosenAndShown() throws Exception {
        Run set = household("area", "set", "NP-1", "upper-lip");
        assertEquals(0, set.code(), set.err());
        assertTrue(household("area", "show").out().contains("NP-1  upper-lip"));
        try (SqliteStore store = SqliteStore.open(data)) {
            assertEquals(Area.UPPER_LIP, store.areas().chosenArea("NP-1").orElseThrow());
        }
        Run badArea = household("area", "set", "NP-1", "lip");
        assertEquals(2, badArea.code());
        assertTrue(badArea.err().contains("'lip' is not an area; use one of:"), badArea.err());
        Run unknownPen = household("area", "set", "NP-9", "cheeks");
        assertEquals(2, unknownPen.code());
        assertTrue(
                unknownPen
                        .err()
                        .contains("pen NP-9 is not paired with this gateway (did you mean 'NP-1'?); paired: NP-1"),
                unknownPen.err());
    }

    @Test
    void aftercareListsWhatToAvoidAndUntilWhen() {
        Run r = household("aftercare", "NP-1:3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("After NP-1:3"), r.out());
        assertTrue(r.out().contains("until Thu 15 Jan 19:08  No makeup on the treated skin"), r.out());
        assertTrue(r.out().contains("until Wed 28 Jan 19:08  Sunscreen SPF 30 or higher every day"), r.out());
        assertEquals(2, household("aftercare", "NP-1:77").code());
        assertEquals(2, household("aftercare", "not-an-id").code());
    }

    @Test
    void rulesShowTheValuesInForceAndWhereTheyComeFrom() throws Exception {
        Run defaults = run("rules", "--config", config.toString());
        assertEquals(0, defaults.code(), defaults.err());
        assertTrue(defaults.out().contains("warning above 0.50 mm"), defaults.out());
        assertTrue(defaults.out().contains("source: clinical needles are 0.5-1.5 mm (Hou 2017) [P]"), defaults.out());
        Files.writeString(config, Files.readString(config) + "rules: {spacing: {deeper-days: 56}}\n");
        Run changed = run("rules", "--config", config.toString());
        assertTrue(changed.out().contains("deeper: 56 days"), changed.out());
        assertTrue(changed.out().contains("source: your configuration (rules.spacing)"), changed.out());
    }

    @Test
    void aHistoryMadeReadOnlyIsShownButNotWrittenAndStaysReadOnly() throws Exception {
        Path file = data.resolve("needleguard.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-x------"));
        try {
            Run history = household("history");
            assertEquals(0, history.code(), history.err());
            assertTrue(history.out().contains("NP-1:3"), history.out());
            Run status = household("status", "--at", "2026-01-15T12:00:00+01:00");
            assertEquals(0, status.code(), status.err());
            assertTrue(status.out().contains("cheeks: from Mon 19 Jan 00:00"), status.out());
            assertEquals(0, household("aftercare", "NP-1:3").code());
            assertEquals(0, household("area", "show").code());
            assertEquals(0, household("condition", "list").code());

            for (Run writes : List.of(
                    household("log", "--area", "neck", "--depth", "0.25"),
                    household("area", "set", "NP-1", "cheeks"),
                    household("condition", "add", "sunburn", "--owner", "alex"))) {
                assertEquals(1, writes.code(), writes.err());
                assertTrue(
                        writes.err()
                                .contains("the data directory " + data.toAbsolutePath() + " is read-only (r-x------)"),
                        writes.err());
                assertTrue(writes.err().contains("chmod u+w " + data.toAbsolutePath()), writes.err());
            }
            assertEquals("r-x------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void readingCommandsDoNotCreateAHistoryWhereThereIsNone() {
        Run r = run("status", "--data-dir", dir.resolve("elsewhere").toString(), "--config", config.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no history in"), r.err());
        assertTrue(!Files.exists(dir.resolve("elsewhere")));
    }

    @Test
    void onlyRunPairAndDemoStartAHistoryEveryOtherCommandRefusesAMistypedDataDirAndStoresNothing() {
        String typo = dir.resolve("dta").toString();
        for (String[] command : List.of(
                new String[] {"condition", "add", "sunburn"},
                new String[] {"area", "set", "NP-1", "cheeks"},
                new String[] {"forget", "NP-1"},
                new String[] {"pens"},
                new String[] {"history"})) {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.addAll(List.of("--data-dir", typo, "--config", config.toString()));
            Run r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", command) + ": " + r.out() + r.err());
            assertTrue(
                    r.err()
                            .contains("no history in " + typo + " (given with --data-dir): nothing has been recorded"
                                    + " there. If your history is elsewhere, point --data-dir at the directory that holds"
                                    + " needleguard.db"),
                    r.err());
            assertTrue(!Files.exists(dir.resolve("dta")), String.join(" ", command) + " made " + typo);
        }
        Run condition = run("condition", "add", "sunburn", "--data-dir", typo, "--config", config.toString());
        assertTrue(condition.err().contains("or add --new-history to start one there with this"), condition.err());
        Run started =
                run("condition", "add", "sunburn", "--new-history", "--data-dir", typo, "--config", config.toString());
        assertEquals(0, started.code(), started.err());
        assertTrue(started.out().startsWith("added #1: sunburn for alex"), started.out());
    }

    @Test
    void conditionTakesNoOptionsBeforeItsSubcommandItRefusesThem() {
        Run r = run("condition", "--data-dir", dir.resolve("other").toString(), "add", "sunburn");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--data-dir"), r.err());
    }

    @Test
    void historyListsTheSessionsWithTheirFindings() {
        Run r = household("history", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().startsWith("pen,sessionId,owner,start,end,area,depthMm,strokeHz,durationS,cartridge,findings"),
                r.out());
        assertTrue(r.out().contains("NP-1,NP-1:3,alex,2026-01-14T19:00:00+01:00"), r.out());
        assertTrue(r.out().contains("warning spacing.min-interval"), r.out());
    }

    @Test
    void pensListsPairedAndConfiguredPensAndRefusedDevicesAndForgetUnpairs() {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.pairings()
                    .pair(new io.needleguard.pairing.PairedPen(
                            "NP-2", "C0:00:00:00:00:02", Instant.parse("2026-01-10T09:00:00Z")));
            store.pairings().refused("NP-1", "C0:00:00:00:00:66", Instant.parse("2026-01-11T09:00:00Z"));
        }
        Run pens = household("pens");
        assertEquals(0, pens.code(), pens.err());
        assertTrue(
                pens.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("NP-1")
                                && l.contains("(first connection)")
                                && l.contains("configuration")
                                && l.endsWith("alex")),
                pens.out());
        assertTrue(
                pens.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("NP-2") && l.contains("C0:00:00:00:00:02") && l.contains("paired")),
                pens.out());
        assertTrue(
                pens.out().lines().anyMatch(l -> l.startsWith("NP-2") && l.contains("2026-01-10 10:00")),
                "paired at 09:00 UTC: 10:00 for alex in Berlin, as history shows her times: " + pens.out());
        assertTrue(
                pens.out().lines().anyMatch(l -> l.startsWith("NP-1") && l.contains("2026-01-11 10:00")),
                "the refused device's times in the zone of the pen it claimed: " + pens.out());
        assertTrue(
                pens.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("NP-1") && l.contains("C0:00:00:00:00:66") && l.endsWith(" 1")),
                pens.out());

        Run forget = household("forget", "NP-2");
        assertEquals(0, forget.code(), forget.err());
        assertTrue(forget.out().contains("Forgot pen NP-2: it is no longer recorded"), forget.out());
        Run again = household("forget", "NP-2");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("pen NP-2 is not paired with this gateway; paired: NP-1"), again.err());
        Run configured = household("forget", "NP-1");
        assertEquals(0, configured.code(), configured.err());
        assertTrue(configured.out().contains("it is still listed under pens:"), configured.out());
        Run json = household("pens", "--format", "json");
        assertTrue(json.out().contains("\"serial\" : \"NP-1\"") && !json.out().contains("NP-2"), json.out());
    }
}
