package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.pairing.PairedPen;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as a household uses them: no person who does not exist, names that name nothing are
 * refused with the ones that exist, dates read the way people write them, listings that line up.
 */
class WhatTheHouseholdIsToldTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("needleguard.yaml"), "data-dir: " + dir.resolve("data") + "\n" + yaml);
    }

    /** Two sessions of {@code owner} on pen NP-1, recorded as the gateway would. */
    private void history(String owner, List<Owner> owners) {
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"))) {
            Household household = new Household(owners, Map.of("NP-1", owner), BERLIN);
            store.sessions().saveOwners(household.owners());
            SessionRecorder recorder = new SessionRecorder(
                    store.history(),
                    SafetyCheck.standard(),
                    household,
                    Clock.fixed(Instant.parse("2026-01-20T12:00:00Z"), ZoneOffset.UTC),
                    RecorderListener.NONE);
            recorder.record(session(owner, 1, "2026-01-05T19:00"));
            recorder.record(session(owner, 3, "2026-01-12T19:00"));
        }
    }

    private static Session session(String owner, long counter, String localStart) {
        Instant start = java.time.LocalDateTime.parse(localStart).atZone(BERLIN).toInstant();
        return new Session(
                new SessionId("NP-1", counter),
                owner,
                Area.CHEEKS,
                Depth.ofMm("0.5"),
                120,
                start,
                start.plus(Duration.ofMinutes(8)),
                "C-" + counter);
    }

    @Test
    void withSeveralPeopleAConditionWithoutOwnerIsRefusedAndNoPhantomMeAppears() throws Exception {
        Path cfg = config("owners:\n  - {id: alex, zone: Europe/Berlin}\n  - {id: sam, zone: Europe/Berlin}\n");

        Run added = run("condition", "add", "sunburn", "--new-history", "--config", cfg.toString());

        assertEquals(2, added.code(), added.all());
        assertTrue(
                added.err().contains("this gateway records 2 people; say whose with --owner alex or --owner sam"),
                added.err());
        Run status = run("status", "--config", cfg.toString());
        assertEquals(0, status.code(), status.all());
        assertFalse(status.out().lines().anyMatch(l -> l.startsWith("me ")), "no person 'me': " + status.out());
        assertTrue(
                status.out().contains("alex  (Europe/Berlin)") && status.out().contains("sam  (Europe/Berlin)"),
                status.out());
    }

    @Test
    void withOnePersonTheirPensAndConditionsAreTheirsWithoutSaying() throws Exception {
        Path cfg = config("owners:\n  - {id: anna, zone: Europe/Berlin}\npens:\n  - {serial: NP-1}\n");

        Run added = run(
                "condition", "add", "cold-sore", "--from", "2026-01-10", "--new-history", "--config", cfg.toString());
        Run pens = run("pens", "--config", cfg.toString());

        assertEquals(0, added.code(), added.all());
        assertTrue(added.out().contains("cold-sore for anna"), added.out());
        assertTrue(pens.out().lines().anyMatch(l -> l.startsWith("NP-1") && l.endsWith("anna")), pens.out());
        Run list = run("condition", "list", "--config", cfg.toString());
        assertTrue(list.out().contains("anna"), list.out());
        assertFalse(list.out().contains(" me "), list.out());
    }

    @Test
    void aConfiguredPenOwnedBySomeoneNotListedIsAConfigurationErrorNamingOnlyRealOwners() throws Exception {
        Path cfg = config(
                "owners:\n  - {id: alex}\npens:\n  - {serial: NP-1, owner: me}\n  - {serial: NP-2, owner: alx}\n");

        Run status = run("status", "--config", cfg.toString());

        assertEquals(2, status.code());
        assertTrue(
                status.err()
                        .contains(
                                "pens[0].owner: \"me\" is not allowed; use an owner listed under owners: (alex), or add this"),
                status.err());
        assertTrue(
                status.err()
                        .contains("pens[1].owner: \"alx\" is not allowed; use an owner listed under owners: (alex) "
                                + "(did you mean 'alex'?)"),
                status.err());
    }

    @Test
    void aConditionCannotEndBeforeItStarts() throws Exception {
        Path cfg = config("");
        Run r = run(
                "condition",
                "add",
                "sunburn",
                "--new-history",
                "--from",
                "2026-11-30",
                "--until",
                "2026-11-29",
                "--config",
                cfg.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--until 2026-11-29 is before --from 2026-11-30"), r.err());
        Run sameDay = run(
                "condition",
                "add",
                "sunburn",
                "--new-history",
                "--from",
                "2026-11-30",
                "--until",
                "2026-11-30",
                "--config",
                cfg.toString());
        assertEquals(0, sameDay.code(), "a condition of one day is fine: " + sameDay.all());
    }

    @Test
    void everyCommandThatReadsTheHistoryOrConfigurationTakesBothOptions() throws Exception {
        Path cfg = config("");
        history("me", List.of());
        for (List<String> command : List.of(
                List.of("rules"),
                List.of("status"),
                List.of("history"),
                List.of("pens"),
                List.of("condition", "list"),
                List.of("area", "show"),
                List.of("aftercare"))) {
            List<String> withFiles = new java.util.ArrayList<>(command);
            withFiles.addAll(List.of(
                    "--config",
                    cfg.toString(),
                    "--data-dir",
                    dir.resolve("data").toString()));
            String[] args = withFiles.toArray(String[]::new);
            Run r = run(args);
            assertEquals(0, r.code(), command + ": " + r.all());
        }
    }

    @Test
    void filtersThatNameNothingAreErrorsWithWhatExists() throws Exception {
        Path cfg = config("owners:\n  - {id: alex, zone: Europe/Berlin}\npens:\n  - {serial: NP-1, owner: alex}\n");
        history("alex", List.of(new Owner("alex", BERLIN)));

        Run pen = run("history", "--pen", "NP-9", "--config", cfg.toString());
        Run owner = run("history", "--owner", "bob", "--config", cfg.toString());
        Run area = run("area", "set", "NP-1", "cheek", "--config", cfg.toString());
        Run areaPen = run("area", "set", "NP-2", "cheeks", "--config", cfg.toString());

        assertEquals(2, pen.code());
        assertTrue(
                pen.err().contains("--pen: no pen NP-9 in the history or paired (did you mean 'NP-1'?); known: NP-1"),
                pen.err());
        assertEquals(2, owner.code());
        assertTrue(owner.err().contains("--owner: 'bob' is not an owner; known: alex"), owner.err());
        assertEquals(2, area.code());
        assertTrue(area.err().contains("'cheek' is not an area (did you mean 'cheeks'?)"), area.err());
        assertEquals(2, areaPen.code());
        assertTrue(
                areaPen.err().contains("pen NP-2 is not paired with this gateway (did you mean 'NP-1'?); paired: NP-1"),
                areaPen.err());
        Run known = run("history", "--pen", "NP-1", "--owner", "alex", "--config", cfg.toString());
        assertEquals(0, known.code(), known.all());
        assertTrue(known.out().contains("2 sessions"), known.out());
    }

    @Test
    void aDateTimeWithoutOffsetIsReadInTheOwnersZone() throws Exception {
        Path cfg = config("owners:\n  - {id: alex, zone: America/New_York}\n");
        history("alex", List.of(new Owner("alex", ZoneId.of("America/New_York"))));

        Run r = run("status", "--at", "2026-01-28T12:00", "--config", cfg.toString());

        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("as of Wed 28 Jan 12:00"), r.out());
        Run bad = run("status", "--at", "28.01.2026", "--config", cfg.toString());
        assertEquals(2, bad.code());
        assertTrue(
                bad.err()
                        .contains("use 2026-01-05, 2026-01-05T19:00 or 2026-01-05 19:00 (in the owner's time zone,"
                                + " America/New_York)"),
                bad.err());
    }

    @Test
    void theHistoryTableShowsTheSessionIdAftercareAsksFor() throws Exception {
        Path cfg = config("");
        history("me", List.of());

        Run table = run("history", "--config", cfg.toString());

        assertTrue(table.out().lines().anyMatch(l -> l.contains("SESSION")), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.contains("NP-1:3 ")), table.out());
        Run aftercare = run("aftercare", "NP-1:3", "--config", cfg.toString());
        assertEquals(0, aftercare.code(), aftercare.all());
    }

    @Test
    void pensSaysWhereEachPenComesFromInColumnsThatLineUp() throws Exception {
        Path cfg = config("pens:\n  - {serial: NP-1}\n  - {serial: NP-LONG-SERIAL-1, address: 'C0:00:00:00:00:09'}\n");
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"))) {
            store.pairings().pair(new PairedPen("NP-3", "C0:00:00:00:00:03", Instant.parse("2026-01-10T09:00:00Z")));
        }

        List<String> lines =
                run("pens", "--config", cfg.toString()).out().lines().toList();

        assertTrue(
                lines.get(1).startsWith("NP-1")
                        && lines.get(1).contains("(first connection)")
                        && lines.get(1).contains("configuration"),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("NP-3") && l.contains("paired")), lines.toString());
        int ownerColumn = lines.get(0).indexOf("OWNER");
        for (String line : lines.subList(1, 4)) {
            assertEquals("me", line.substring(ownerColumn).strip(), "aligned under OWNER: " + lines);
        }
    }

    @Test
    void aDirectoryOrAFileThatIsNotTextGivenAsConfigurationSaysSo() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("conf.d"));
        Run directory = run("status", "--config", folder.toString());
        assertEquals(2, directory.code());
        assertTrue(directory.err().contains("is a directory, not a configuration file"), directory.err());

        Path latin1 = Files.write(
                dir.resolve("latin1.yaml"), new byte[] {'o', 'w', 'n', 'e', 'r', 's', ':', ' ', (byte) 0xe9});
        Run notUtf8 = run("status", "--config", latin1.toString());
        assertEquals(2, notUtf8.code());
        assertTrue(notUtf8.err().contains("is not UTF-8 text"), notUtf8.err());
    }
}
