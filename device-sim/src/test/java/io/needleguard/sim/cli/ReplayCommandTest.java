package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario under src/docs/scenarios/ replays through {@code needleguard replay} to exactly the
 * JSON lines stored beside it ({@code NAME.expected.jsonl}).
 */
class ReplayCommandTest {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Stream<Path> scenarios() throws IOException {
        Path dir = Path.of(System.getProperty("needleguard.docs", "../src/docs"), "scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replaysToTheExpectedSessionsAndFindings(Path scenario) throws IOException {
        Path expected = Path.of(scenario.toString().replaceAll("\\.json$", ".expected.jsonl"));
        assertTrue(Files.exists(expected), "missing " + expected + ": write down what this scenario must produce");

        Result result = run("replay", scenario.toString(), "--output", "jsonl");

        assertEquals(0, result.code(), result.err());
        assertEquals(Files.readString(expected), result.out());
    }

    @Test
    void theSameFileAlwaysGivesTheSameOutput() throws IOException {
        Path scenario = scenarios().findFirst().orElseThrow();
        assertEquals(
                run("replay", scenario.toString()).out(),
                run("replay", scenario.toString()).out());
    }

    @Test
    void anInvalidScenarioIsExitTwoWithTheFileThePathAndTheProblem(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                { "start": "2026-01-05T19:00:00+01:00",
                  "pens": [ { "serial": "SIM-0001" } ],
                  "sessions": [ { "pen": "SIM-0001", "at": "P0D", "area": "cheek", "depthMm": 0.5,
                                  "strokeHz": 120, "duration": "PT10M", "cartridge": "C-1" } ] }
                """);
        Result result = run("replay", bad.toString());
        assertEquals(2, result.code());
        assertEquals("", result.out());
        assertTrue(result.err().contains(bad + ": $.sessions[0].area: \"cheek\" is not an area"), result.err());
    }

    @Test
    void theTwoHalfPastTwosOfTheAutumnClockChangeReadDifferently(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("autumn.json");
        Files.writeString(scenario, """
                { "start": "2026-10-25T02:30:00+02:00",
                  "owners": [ { "id": "me", "zone": "Europe/Berlin" } ],
                  "pens": [ { "serial": "SIM-0001" } ],
                  "sessions": [
                    { "pen": "SIM-0001", "at": "PT0M", "area": "cheeks", "depthMm": 0.25,
                      "strokeHz": 120, "duration": "PT5M", "cartridge": "C-1" },
                    { "pen": "SIM-0001", "at": "PT1H", "area": "chin", "depthMm": 0.25,
                      "strokeHz": 120, "duration": "PT5M", "cartridge": "C-1" },
                    { "pen": "SIM-0001", "at": "PT2H", "area": "nose", "depthMm": 0.25,
                      "strokeHz": 120, "duration": "PT5M", "cartridge": "C-1" } ] }
                """);
        Result result = run("replay", scenario.toString(), "--output", "table");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("\n2026-10-25 02:30+02:00  SIM-0001:1 me     cheeks"), result.out());
        assertTrue(result.out().contains("\n2026-10-25 02:30+01:00  SIM-0001:2 me     chin"), result.out());
        assertTrue(
                result.out().contains("\n2026-10-25 03:30  SIM-0001:3 me     nose"),
                "outside the repeated hour, no offset: " + result.out());
    }

    @Test
    void aMissingFileIsExitTwo(@TempDir Path dir) {
        Result result = run("replay", dir.resolve("nope.json").toString());
        assertEquals(2, result.code());
        assertTrue(result.err().contains("no such scenario file"), result.err());
    }

    @Test
    void usageErrorsAreExitTwo() {
        assertEquals(2, run("replay").code());
        assertEquals(2, run("replay", "a.json", "--output", "xml").code());
        assertEquals(2, run("no-such-command").code());
    }

    @Test
    void everyCommandExplainsItself() {
        for (String command : List.of("demo", "replay", "run", "history")) {
            Result result = run(command, "--help");
            assertEquals(0, result.code(), command);
            assertTrue(result.out().startsWith("Usage: needleguard " + command), result.out());
        }
    }
}
