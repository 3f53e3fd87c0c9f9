package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.cli.Main;
import io.needleguard.history.HistoryQuery;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.store.SqliteStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo's fake people never reach the household's history: without {@code --data-dir} it keeps its
 * own, started afresh at each run and kept afterwards to look at; a directory named with
 * {@code --data-dir} is used as it is.
 */
class DemoKeepsToItsOwnHistoryTest {

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {}

    private Run demo(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "demo";
        all[1] = "--ms-per-day";
        all[2] = "0";
        System.arraycopy(args, 0, all, 3, args.length);
        CommandLine cli = Main.commandLine(all);
        ((DemoCommand) cli.getSubcommands().get("demo").getCommand()).environment = Map.of(
                "HOME", home.toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(),
                "XDG_STATE_HOME", home.resolve("state").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withoutDataDirItUsesItsOwnDirectoryAfreshAtEachRunAndNeverTheHouseholds() {
        int sessions = Scenarios.builtIn().sessions().size();
        Path own = home.resolve("state").resolve("needleguard").resolve("demo");

        Run first = demo();
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("history  " + own.resolve("needleguard.db")), first.out());
        assertTrue(first.out().contains("Next: ./needleguard history --data-dir " + own), first.out());
        assertFalse(Files.exists(home.resolve("data")), "the household's history directory is not even made");

        Run second = demo();
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains(sessions + " sessions recorded"), "afresh, it records again: " + second.out());
        assertFalse(second.out().contains("already in the history"), second.out());
        try (SqliteStore store = SqliteStore.open(own)) {
            assertEquals(sessions, store.sessions().list(HistoryQuery.all()).size(), "kept after the run, once");
        }
    }

    @Test
    void aDirectoryNamedWithDataDirIsUsedAsItIsAndAddedTo() {
        Path named = home.resolve("mine");
        assertEquals(0, demo("--data-dir", named.toString()).code());
        Run again = demo("--data-dir", named.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(
                again.out()
                        .contains("already in the history and not stored again (leave out --data-dir for a fresh"
                                + " demo history)"),
                again.out());
        assertFalse(Files.exists(home.resolve("state")), "nor is the demo's own directory touched");
    }
}
