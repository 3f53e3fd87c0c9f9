package io.needleguard.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.CpuBudget;
import io.needleguard.testing.HostileInput;
import io.needleguard.text.Quote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
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
 * The configuration file against what an editor, a script or a slip can put in it: numbers such as
 * 1.0e+300000000, megabytes of text, YAML nested thousands deep or built from aliases that expand to a
 * billion elements, control characters, and the shipped example with characters changed, cut out or
 * added. Every document is read or refused ({@link ConfigException}, which the command line answers with
 * exit 2) within {@link CpuBudget#PER_INPUT} of CPU, with a message bounded in size. 800 documents here;
 * {@code ConfigFuzzLongRun} reads more ({@code -Preliability}).
 */
class ConfigFuzzTest {

    /** The longest message a configuration may be refused with, whatever it holds. */
    static final int LONGEST_MESSAGE = 16 * 1024;

    /** Where a value goes: a template with one hole ({@code %s}), one per kind of setting. */
    static final List<String> PLACES = List.of(
            "rules:\n  depth: {home-warning-above-mm: %s}\n",
            "rules:\n  spacing: {deeper-days: %s}\n",
            "rules:\n  duration: {area-max-minutes: %s}\n",
            "rules:\n  cartridge-reuse-after-hours: %s\n",
            "rules:\n  stroke-hz: {min: %s, max: 150}\n",
            "owners:\n  - {id: %s, zone: UTC}\n",
            "owners:\n  - {id: alex, zone: %s}\n",
            "owners:\n  - {id: alex, zone: UTC, skin-type: %s}\n",
            "owners:\n  - {id: alex, zone: UTC, rules: {depth: {dark-skin-cap-mm: %s}}}\n",
            "pens:\n  - {serial: %s}\n",
            "pens:\n  - {serial: P1, address: %s}\n",
            "devices:\n  - {id: r1, kind: roller, needle-length-mm: %s}\n",
            "devices:\n  - {id: %s, kind: pen}\n",
            "mqtt:\n  url: %s\n",
            "mqtt:\n  client-id: %s\n",
            "mqtt:\n  root: %s\n",
            "mqtt:\n  password-file: %s\n  username: u\n",
            "mqtt:\n  discovery: {prefix: %s}\n",
            "dashboard:\n  listen: %s\n",
            "dashboard:\n  token-file: %s\n",
            "data-dir: %s\n",
            "ble:\n  backend: %s\n",
            "ble:\n  options: {adapter: %s}\n",
            "%s: 1\n");

    static final class Reader {
        final ConfigLoader loader = new ConfigLoader(ZoneId.of("UTC"), "pi");
        final CpuBudget budget = new CpuBudget();
        final String example;

        Reader() {
            try {
                example = Files.readString(Path.of("../src/dist/needleguard.yaml"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // Loaded and compiled first: what is measured is the reading, not the JVM's start.
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < 300; i++) {
                read(example);
                read(PLACES.get(i % PLACES.size()).formatted("1.0e+300000000"));
                read(mutate(
                        example, random.ints(8, 0, Integer.MAX_VALUE).boxed().toList()));
            }
            HostileInput.deepYaml(100).forEach(this::read);
        }

        private Throwable read(String yaml) {
            try {
                loader.parse("needleguard.yaml", yaml);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }

        /** Read or refused in words, within the budget, with a bounded message. */
        void check(String yaml) {
            String what = Quote.brief(yaml, 300);
            Throwable thrown = budget.answer(what, () -> read(yaml)).value();
            if (thrown != null) {
                assertTrue(thrown instanceof ConfigException, what + " failed with " + thrown);
                assertTrue(
                        thrown.getMessage().length() <= LONGEST_MESSAGE,
                        what + " was refused in " + thrown.getMessage().length() + " characters");
            }
        }
    }

    private static Reader reader;

    @BeforeContainer
    static void start() {
        reader = new Reader();
    }

    @AfterContainer
    static void stop() {
        if (reader != null) {
            System.out.println("configuration files: " + reader.budget.summary());
            reader.budget.close();
        }
    }

    // Shrinking is off: a try that hangs would be tried again and again in smaller forms, each for 30 s.
    @Property(tries = 500, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void aHostileValueInAnyPlaceIsReadOrRefusedPromptly(@ForAll("valuesInPlaces") String yaml) {
        reader.check(yaml);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void theExampleWithCharactersChangedIsReadOrRefusedPromptly(@ForAll("mutations") List<Integer> edits) {
        reader.check(mutate(reader.example, edits));
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void deepOrExplodingYamlIsRefusedPromptly(@ForAll("depths") int depth) {
        HostileInput.deepYaml(depth).forEach(reader::check);
    }

    @Provide
    static Arbitrary<String> valuesInPlaces() {
        Arbitrary<String> value = Arbitraries.oneOf(
                HostileInput.numbers(),
                HostileInput.dates(),
                HostileInput.texts().map(ConfigFuzzTest::yamlString),
                HostileInput.texts().filter(t -> t.length() < 1_000_000));
        return Combinators.combine(Arbitraries.of(PLACES), value).as(String::formatted);
    }

    /** Positions and characters of edits: each pair of numbers replaces, removes or adds one character. */
    @Provide
    static Arbitrary<List<Integer>> mutations() {
        return HostileInput.edits();
    }

    @Provide
    static Arbitrary<Integer> depths() {
        return Arbitraries.of(10, 50, 100, 1_000, 10_000, 100_000);
    }

    static String mutate(String text, List<Integer> edits) {
        return HostileInput.mutate(text, edits, "{}[]:-,&*!|>'\"#\n\t \u0000\u001b9e.");
    }

    /** {@code text} as a double-quoted YAML string. */
    static String yamlString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
