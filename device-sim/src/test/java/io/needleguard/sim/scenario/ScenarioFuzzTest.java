package io.needleguard.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.CpuBudget;
import io.needleguard.testing.HostileInput;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Scenario files against what an editor, a generator gone wrong or a copy from elsewhere can put in them:
 * numbers such as 1e300000000 and -1e-999999999, 10 MB strings, nesting a hundred thousand deep, control
 * characters, durations and dates at the ends of the calendar, and the shipped scenarios with characters
 * changed. Every file is read or refused (a {@link ScenarioException} listing what is wrong) within
 * {@link CpuBudget#PER_INPUT} of CPU, with a message bounded in size. 600 files here; {@code
 * ScenarioFuzzLongRun} reads more ({@code -Preliability}).
 */
class ScenarioFuzzTest {

    /** The longest message a scenario may be refused with, whatever it holds. */
    static final int LONGEST_MESSAGE = 16 * 1024;

    /** A valid scenario with one hole ({@code %1$s}) repeated in one place of each kind. */
    static final List<String> PLACES = List.of(
            "\"start\": %s",
            "\"name\": %s",
            "\"owners\": [ { \"id\": %s, \"zone\": \"Europe/Berlin\" } ]",
            "\"owners\": [ { \"id\": \"alex\", \"zone\": %s, \"skinType\": \"II\" } ]",
            "\"owners\": [ { \"id\": \"alex\", \"zone\": \"UTC\", \"skinType\": %s } ]",
            "\"pens\": [ { \"serial\": %s } ]",
            "\"sessions\": [ { \"pen\": \"SIM-0001\", \"at\": %s, \"area\": \"cheeks\", \"depthMm\": 0.5, \"strokeHz\": 120, \"duration\": \"PT8M\", \"cartridge\": \"C-1\" } ]",
            "\"sessions\": [ { \"pen\": \"SIM-0001\", \"at\": \"P1D\", \"area\": %s, \"depthMm\": 0.5, \"strokeHz\": 120, \"duration\": \"PT8M\", \"cartridge\": \"C-1\" } ]",
            "\"sessions\": [ { \"pen\": \"SIM-0001\", \"at\": \"P1D\", \"area\": \"cheeks\", \"depthMm\": %s, \"strokeHz\": 120, \"duration\": \"PT8M\", \"cartridge\": \"C-1\" } ]",
            "\"sessions\": [ { \"pen\": \"SIM-0001\", \"at\": \"P1D\", \"area\": \"cheeks\", \"depthMm\": 0.5, \"strokeHz\": %s, \"duration\": \"PT8M\", \"cartridge\": \"C-1\" } ]",
            "\"sessions\": [ { \"pen\": \"SIM-0001\", \"at\": \"P1D\", \"area\": \"cheeks\", \"depthMm\": 0.5, \"strokeHz\": 120, \"duration\": %s, \"cartridge\": \"C-1\" } ]",
            "\"sessions\": [ { \"pen\": \"SIM-0001\", \"at\": \"P1D\", \"area\": \"cheeks\", \"depthMm\": 0.5, \"strokeHz\": 120, \"duration\": \"PT8M\", \"cartridge\": %s } ]",
            "\"conditions\": [ { \"owner\": \"alex\", \"condition\": \"sunburn\", \"from\": %s } ]",
            "\"conditions\": [ { \"owner\": \"alex\", \"condition\": %s, \"from\": \"2026-01-01\", \"until\": \"2026-01-02\" } ]",
            "\"devices\": [ { \"id\": \"r1\", \"kind\": \"roller\", \"owner\": \"alex\", \"needleLengthMm\": %s } ]",
            "\"devices\": [ { \"id\": \"r1\", \"kind\": \"roller\", \"owner\": \"alex\", \"needleLengthMm\": 0.5 } ], \"handLog\": [ { \"device\": \"r1\", \"at\": %s, \"area\": \"cheeks\" } ]",
            "\"handLog\": [ { \"owner\": \"alex\", \"at\": \"P1D\", \"area\": \"cheeks\", \"depthMm\": %s } ]",
            "\"handLog\": [ { \"owner\": \"alex\", \"at\": \"P1D\", \"area\": \"cheeks\", \"depthMm\": 0.5, \"duration\": %s } ]",
            "\"handLog\": [ { \"owner\": \"alex\", \"at\": \"P1D\", \"area\": \"cheeks\", \"depthMm\": 0.5, \"loggedAt\": %s } ]",
            "%s: 1");

    static final class Reader {
        final ScenarioReader reader = new ScenarioReader();
        final CpuBudget budget = new CpuBudget();
        final List<String> shipped;

        Reader() {
            try (Stream<Path> files = Files.list(Path.of(System.getProperty("needleguard.docs"), "scenarios"))) {
                shipped = files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .map(Reader::text)
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // What is measured is the reading, not the JVM loading and compiling the classes it uses.
            Random random = new Random(1);
            for (int i = 0; i < 200; i++) {
                read(shipped.get(i % shipped.size()));
                read(document(PLACES.get(i % PLACES.size()), "1e300000000"));
                read(mutate(
                        shipped.get(i % shipped.size()),
                        random.ints(8, 0, Integer.MAX_VALUE).boxed().toList()));
            }
        }

        private static String text(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Throwable read(String json) {
            try {
                reader.read("fuzz.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }

        /** Read or refused in words, within the budget, with a bounded message. */
        void check(String json) {
            String what = Quote.brief(json, 300);
            Throwable thrown = budget.answer(what, () -> read(json)).value();
            if (thrown != null) {
                assertTrue(thrown instanceof InvalidInputException, what + " failed with " + thrown);
                assertTrue(
                        thrown.getMessage().length() <= LONGEST_MESSAGE,
                        what + " was refused in " + thrown.getMessage().length() + " characters");
            }
        }
    }

    static String document(String place, String value) {
        String start = place.startsWith("\"start\"") ? "" : "\"start\": \"2026-01-05T19:00:00+01:00\", ";
        String owners = place.contains("\"owners\"") ? "" : "\"owners\": [ { \"id\": \"alex\", \"zone\": \"UTC\" } ], ";
        String pens =
                place.contains("\"pens\"") ? "" : "\"pens\": [ { \"serial\": \"SIM-0001\", \"owner\": \"alex\" } ], ";
        String sessions = place.contains("\"sessions\"") ? "" : ", \"sessions\": []";
        return "{ " + start + owners + pens + place.formatted(value) + sessions + " }";
    }

    private static Reader reader;

    @BeforeContainer
    static void start() {
        reader = new Reader();
    }

    @AfterContainer
    static void stop() {
        if (reader != null) {
            System.out.println("scenario files: " + reader.budget.summary());
            reader.budget.close();
        }
    }

    // Shrinking is off: a try that hangs would be tried again and again in smaller forms, each for 30 s.
    @Property(tries = 400, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void aHostileValueInAnyPlaceIsReadOrRefusedPromptly(@ForAll("valuesInPlaces") String json) {
        reader.check(json);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void theShippedScenariosWithCharactersChangedAreReadOrRefusedPromptly(@ForAll("mutations") List<Integer> edits) {
        reader.check(mutate(reader.shipped.get(edits.get(0) % reader.shipped.size()), edits));
    }

    @Provide
    static Arbitrary<String> valuesInPlaces() {
        Arbitrary<String> value = Arbitraries.oneOf(
                HostileInput.jsonValues(),
                HostileInput.dates().map(HostileInput::jsonString),
                HostileInput.durations().map(HostileInput::jsonString));
        return Combinators.combine(Arbitraries.of(PLACES), value).as(ScenarioFuzzTest::document);
    }

    @Provide
    static Arbitrary<List<Integer>> mutations() {
        return HostileInput.edits();
    }

    static String mutate(String text, List<Integer> edits) {
        return HostileInput.mutate(text, edits, "{}[]:,\"\\ 0123456789e.-+PTDHMS\u0000\u001b");
    }
}
