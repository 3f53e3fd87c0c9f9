package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.store.SqliteStore;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code needleguard pair} at a terminal, with the simulator's pens nearby (the {@code sim} backend,
 * which device-sim brings; hence this test lives here, in the command's package).
 */
class PairCommandTest {

    @TempDir
    Path dir;

    @Test
    void aBadChoiceAtThePromptIsAskedAgain() throws Exception {
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\n"
                        + "ble: {backend: sim, options: {lead-seconds: 3600}}\nmqtt: {enabled: false}\n");
        PairCommand pair = new PairCommand();
        pair.terminal = () -> Optional.of(new BufferedReader(new StringReader("9\nfirst\n1\n")));
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(pair);
        cli.setOut(new PrintWriter(out, true));

        int code = cli.execute("--config", config.toString(), "--scan-seconds", "2");

        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("'9' is not a number from 1 to 3; try again."), out.toString());
        assertTrue(out.toString().contains("'first' is not a number from 1 to 3; try again."), out.toString());
        assertTrue(out.toString().contains("Paired pen SIM-0001"), out.toString());
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"))) {
            assertEquals(1, store.pairings().pairedPens().size());
        }
    }
}
