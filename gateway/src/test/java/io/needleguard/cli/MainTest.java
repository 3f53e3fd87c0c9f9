package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line makes only the subcommand it runs, and is the same command line for the user. */
class MainTest {

    /** Every command, in the order help lists them. */
    private static final List<String> IN_HELP_ORDER = List.of(
            "run",
            "history",
            "status",
            "rules",
            "condition",
            "area",
            "aftercare",
            "log",
            "report",
            "export",
            "owner",
            "device",
            "backup",
            "restore",
            "pair",
            "pens",
            "forget",
            "doctor",
            "help");

    private static final Set<String> EVERY = Set.copyOf(IN_HELP_ORDER);

    private static Set<String> made(String... args) {
        return Main.commandLine(args).getSubcommands().keySet();
    }

    @Test
    void aCommandMakesOnlyItself() {
        assertEquals(Set.of("rules"), made("rules"));
        assertEquals(Set.of("status"), made("-v", "status", "--owner", "me"));
        assertEquals(Set.of("condition"), made("-vv", "condition", "list"));
    }

    @Test
    void helpNoCommandAndUnknownNamesGetEveryCommand() {
        assertEquals(EVERY, made());
        assertEquals(EVERY, made("--help"));
        assertEquals(EVERY, made("help", "status"));
        assertEquals(EVERY, made("stauts"));
        assertEquals(EVERY, made("--", "rules"));
        assertEquals(EVERY.size(), Main.COMMANDS.size());
    }

    @Test
    void versionAloneMakesNone() {
        assertEquals(Set.of(), made("--version"));
        assertEquals(EVERY, made("--version", "--help"));
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version"));
        assertTrue(out.toString().startsWith("needleguard "), out::toString);
    }

    /** What the user sees does not depend on what was made: a misspelt command still gets its suggestion. */
    @Test
    void aMisspeltCommandIsStillSuggestedAndHelpListsEveryCommand() {
        StringWriter err = new StringWriter();
        assertEquals(
                ExitCodes.USAGE, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "stauts"));
        assertTrue(err.toString().contains("Did you mean: needleguard status"), err::toString);

        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help"));
        List<String> listed = out.toString()
                .lines()
                .filter(l -> l.matches("  [a-z]+ .*"))
                .map(l -> l.trim().split(" ")[0])
                .toList();
        assertEquals(IN_HELP_ORDER, listed);
    }
}
