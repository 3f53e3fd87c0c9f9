package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.Sessions;
import io.needleguard.pairing.PairedPen;
import io.needleguard.session.Area;
import io.needleguard.store.SqliteStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** owner add/list/rename/set/remove, pens owner and pens lend as a user runs them (issue 22 item 1). */
class OwnerCommandsTest {

    @TempDir
    Path dir;

    private Path data;
    private Path config;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void aGatewayWithOnePersonInTheFileAndTwoPairedPens() throws Exception {
        data = dir.resolve("data");
        config = dir.resolve("needleguard.yaml");
        Files.writeString(config, """
                ble: {backend: sim}
                mqtt: {enabled: false}
                owners:
                  - {id: sam, zone: UTC}
                pens:
                  - {serial: NP-FILE, owner: sam}
                """);
        try (SqliteStore store = SqliteStore.open(data)) {
            store.pairings().pair(new PairedPen("NP-1", "AA:BB:CC:DD:EE:01", Instant.parse("2026-01-01T00:00:00Z")));
            store.pairings().pair(new PairedPen("NP-2", "AA:BB:CC:DD:EE:02", Instant.parse("2026-01-01T00:00:00Z")));
        }
    }

    @Test
    void aPairedPenIsGivenToAPersonAddedWithoutEditingTheFile() {
        assertEquals(
                0,
                run("owner", "add", "alex", "--name", "Alex M.", "--zone", "Europe/Berlin")
                        .code());
        Run given = run("pens", "owner", "NP-2", "alex");
        assertEquals(0, given.code(), given.err());

        Run pens = run("pens");
        assertTrue(pens.out().lines().anyMatch(l -> l.startsWith("NP-2") && l.endsWith("alex")), pens.out());
        assertTrue(pens.out().lines().anyMatch(l -> l.startsWith("NP-1") && l.endsWith("sam")), pens.out());

        Run people = run("owner", "list");
        assertTrue(people.out().contains("Alex M."), people.out());
        assertTrue(people.out().contains("Europe/Berlin"), people.out());
    }

    @Test
    void aPenTheSimBackendRecordedWithoutPairingCanBeGivenAndLent() {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.sessions()
                    .add(
                            Sessions.session("SIM-0001", 1, "2026-01-02T10:00:00Z", Area.FOREHEAD, "0.25", "c-1"),
                            List.of(),
                            Instant.parse("2026-01-02T10:20:00Z"));
        }
        run("owner", "add", "alex");
        Run given = run("pens", "owner", "SIM-0001", "alex");
        assertEquals(0, given.code(), given.err());
        assertEquals(0, run("pens", "lend", "SIM-0001", "--to", "sam").code());
        Run never = run("pens", "owner", "SIM-0009", "alex");
        assertEquals(2, never.code());
        assertTrue(never.err().contains("is not paired"), never.err());
    }

    @Test
    void whatTheFileSaysIsRefusedWithExit2NamingTheFile() {
        run("owner", "add", "alex");
        Run refused = run("pens", "owner", "NP-FILE", "alex");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains(config.toString()), refused.err());
        assertTrue(refused.err().contains("pens:"), refused.err());

        Run person = run("owner", "set", "sam", "--zone", "Europe/Berlin");
        assertEquals(2, person.code());
        assertTrue(person.err().contains("owners:"), person.err());
    }

    @Test
    void refusalsNameTheFix() {
        Run stranger = run("pens", "owner", "NP-1", "robin");
        assertEquals(2, stranger.code());
        assertTrue(stranger.err().contains("owner add robin"), stranger.err());

        Run zone = run("owner", "add", "kim", "--zone", "Mars/Olympus");
        assertEquals(2, zone.code());
        assertTrue(zone.err().contains("IANA"), zone.err());

        run("owner", "add", "kim");
        run("pens", "owner", "NP-1", "kim");
        Run remove = run("owner", "remove", "kim");
        assertEquals(2, remove.code());
        assertTrue(remove.err().contains("pens owner NP-1"), remove.err());
    }

    @Test
    void aRemovedPersonIsListedAsFormer() {
        run("owner", "add", "kim");
        Run removed = run("owner", "remove", "kim");
        assertEquals(0, removed.code(), removed.err());
        assertTrue(removed.out().contains("owner erase kim"), removed.out());
        assertTrue(run("owner", "list").out().lines().anyMatch(l -> l.startsWith("kim") && l.contains("former")));
    }

    @Test
    void aPenIsLentToSomeoneInTheHousehold() {
        run("owner", "add", "alex");
        Run lent = run("pens", "lend", "NP-1", "--to", "alex");
        assertEquals(0, lent.code(), lent.err());
        try (SqliteStore store = SqliteStore.open(data)) {
            assertEquals("alex", store.household().lending("NP-1").orElseThrow().person());
        }
        assertEquals(2, run("pens", "lend", "NP-1", "--to", "robin").code());
    }

    @Test
    void aMistypedDataDirectoryIsRefusedUnlessANewHistoryIsAskedFor() {
        data = dir.resolve("dtaa");
        Run refused = run("owner", "add", "kim");
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("--new-history"), refused.err());
        assertFalse(Files.exists(data), "nothing created in the mistyped place");

        Run started = run("owner", "add", "kim", "--new-history");
        assertEquals(0, started.code(), started.err());
        assertTrue(run("owner", "list").out().contains("kim"));
    }

    @Test
    void aRollerIsAddedChangedListedAndRemovedWithoutEditingTheFile() {
        Run added = run("device", "add", "roller-1", "--kind", "roller", "--needle-length-mm", "0.5");
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().contains("roller-1 (roller, 0.50 mm, sam's)"), added.out());
        assertEquals(0, run("owner", "add", "kim").code());
        assertEquals(0, run("device", "edit", "roller-1", "--owner", "kim").code());
        String list = run("device", "list").out();
        assertTrue(
                list.lines().anyMatch(l -> l.startsWith("roller-1") && l.contains("kim") && l.contains("added")), list);

        Run noLength = run("device", "add", "roller-2", "--kind", "roller");
        assertEquals(2, noLength.code());
        assertTrue(noLength.err().contains("--needle-length-mm"), noLength.err());
        Run notAKind = run("device", "add", "x", "--kind", "stamp");
        assertEquals(2, notAKind.code());
        assertTrue(notAKind.err().contains("use roller (a derma roller) or pen"), notAKind.err());
        Run nobody = run("device", "edit", "roller-1", "--owner", "lee");
        assertEquals(2, nobody.code(), nobody.err());

        assertEquals(0, run("device", "remove", "roller-1").code());
        assertTrue(run("device", "list").out().startsWith("No devices"));
        Run gone = run("device", "remove", "roller-1");
        assertEquals(2, gone.code());
        assertTrue(gone.err().contains("device list"), gone.err());
    }

    @Test
    void theCommandLineRefusesWhatTheConfigurationFileRefusesNamingTheOption() {
        // The file refuses a roller's needles longer than 3 mm; the command line took them until it read the
        // value as the file does.
        Run tooLong = run("device", "add", "roller-2", "--kind", "roller", "--needle-length-mm", "5");
        assertEquals(2, tooLong.code(), tooLong.out());
        assertTrue(
                tooLong.err()
                        .contains("--needle-length-mm: '5' is not allowed; use the needle length in mm, from 0.01"),
                tooLong.err());
        Run none = run("device", "add", "roller-2", "--kind", "roller", "--needle-length-mm", "0");
        assertEquals(2, none.code(), none.out());

        Run typo = run("device", "add", "roller-2", "--kind", "roler", "--needle-length-mm", "0.5");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("--kind: 'roler' is not a kind of device (did you mean 'roller'?)"), typo.err());

        Run zone = run("owner", "add", "kim", "--zone", "Europe/Berlni");
        assertTrue(
                zone.err()
                        .contains("--zone: 'Europe/Berlni' is not a time zone; use an IANA name such as Europe/Berlin"),
                zone.err());
        Run skin = run("owner", "add", "kim", "--skin-type", "7");
        assertTrue(
                skin.err().contains("--skin-type: '7' is not a Fitzpatrick skin type; use one of: I, II"), skin.err());
        assertFalse(run("device", "list").out().contains("roller-2"), "nothing refused was added");
    }

    @Test
    void aDeviceAddedWhileNobodyIsInTheHouseholdIsListedAsTheFirstPersons() throws Exception {
        Files.writeString(config, "ble: {backend: sim}\nmqtt: {enabled: false}\n");
        assertEquals(
                0,
                run("device", "add", "roller-1", "--kind", "roller", "--needle-length-mm", "0.5")
                        .code());
        assertTrue(run("device", "list").out().lines().anyMatch(l -> l.startsWith("roller-1") && l.contains(" me ")));
        assertEquals(0, run("owner", "add", "kim").code());
        assertTrue(run("device", "list").out().lines().anyMatch(l -> l.startsWith("roller-1") && l.contains(" kim ")));
    }
}
