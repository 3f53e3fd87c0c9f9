package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.CpuBudget;
import io.needleguard.testing.HostileInput;
import io.needleguard.text.Quote;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The command line's options against what can be typed or pasted (or what a script gone wrong passes):
 * {@code log --depth 1e300000000}, dates a thousand years off, 100 KB of text (about what one argument may
 * hold), ESC and other control characters. Every command ends with 0 or 2 within {@link CpuBudget#PER_INPUT}
 * of CPU (in process, on a history in a temporary directory; the JVM's start is not counted), with output
 * bounded in size, and nothing it prints holds a control character other than a newline or a tab.
 */
class CliFuzzTest {

    /** The most a refusal may print, whatever it was given. */
    static final int LONGEST_ERROR = 8 * 1024;

    /** About the most one argument may hold on Linux (MAX_ARG_STRLEN is 128 KiB). */
    private static final int LONGEST_ARGUMENT = 128 * 1024;

    static final class Shell {
        final Path dir;
        final Path data;
        final Path config;
        final CpuBudget budget = new CpuBudget();

        Shell() throws IOException {
            dir = Files.createTempDirectory("needleguard-cli-fuzz");
            data = dir.resolve("data");
            config = dir.resolve("needleguard.yaml");
            Files.writeString(config, """
                    ble: {backend: sim}
                    mqtt: {url: "tcp://localhost:1", client-id: ng-cli-fuzz}
                    owners:
                      - {id: alex, zone: America/New_York}
                      - {id: sam, zone: Europe/Berlin}
                    pens:
                      - {serial: NP-1, owner: alex}
                    devices:
                      - {id: roller-1, kind: roller, owner: alex, needle-length-mm: 0.5}
                    """);
            // What is measured is the command, not the JVM loading and compiling the classes it uses.
            for (int i = 0; i < 30; i++) {
                run(List.of("log", "--area", "cheek", "--depth", "1e300000000", "--owner", "alex"));
                run(List.of(
                        "log",
                        "--area",
                        "nose",
                        "--depth",
                        "0.25",
                        "--owner",
                        "sam",
                        "--at",
                        "2026-01-0" + (1 + i % 9) + "T10:0" + i % 10));
                run(List.of("status", "--at", "2100-01-01"));
                run(List.of("history", "--since", "2026-01-01", "--format", "csv"));
                run(List.of("condition", "add", "sunburn", "--owner", "alex", "--from", "1970-01-01"));
            }
        }

        record Run(int code, String out, String err) {}

        void close() throws IOException {
            budget.close();
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }

        Run run(List<String> args) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--data-dir", data.toString(), "--config", config.toString()));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
            return new Run(code, out.toString(), err.toString());
        }

        /** Ends with 0 or 2, within the budget, its refusals bounded, nothing raw printed. */
        void check(List<String> args) {
            String what = Quote.brief(String.join(" ", args), 300);
            CpuBudget.Answer<Run> answer = budget.answer(what, () -> run(args));
            assertNull(answer.thrown(), () -> what + " threw " + answer.thrown());
            Run r = answer.value();
            assertTrue(
                    r.code() == 0 || r.code() == 2,
                    what + " ended with " + r.code() + ": " + Quote.brief(r.err(), 500));
            assertTrue(
                    r.err().length() <= LONGEST_ERROR,
                    what + " printed " + r.err().length() + " characters of error");
            assertTrue(
                    printable(r.out()) && printable(r.err()),
                    what + " printed a control character: " + Quote.brief(r.err(), 500));
        }

        private static boolean printable(String text) {
            return text.chars()
                    .allMatch(c -> c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0)));
        }
    }

    private static Shell shell;

    @BeforeContainer
    static void start() throws IOException {
        shell = new Shell();
    }

    @AfterContainer
    static void stop() throws IOException {
        if (shell != null) {
            System.out.println("command lines: " + shell.budget.summary());
            shell.close();
        }
    }

    // Shrinking is off: a try that hangs would be tried again and again in smaller forms, each for 30 s.
    @Property(tries = 300, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyCommandEndsPromptlyWithZeroOrTwo(@ForAll("commands") List<String> args) {
        shell.check(args);
    }

    @Provide
    static Arbitrary<List<String>> commands() {
        return Arbitraries.oneOf(logs(), corrections(), statuses(), conditions(), histories());
    }

    static Arbitrary<List<String>> logs() {
        return Combinators.combine(
                        option("--area", Arbitraries.of("cheeks", "neck")),
                        option("--depth", HostileInput.numbers()),
                        option("--duration", HostileInput.durations()),
                        option("--at", HostileInput.dates()),
                        option("--cartridge", Arbitraries.of("C-12")),
                        option("--owner", Arbitraries.of("alex", "sam")),
                        option("--device", Arbitraries.of("roller-1")))
                .as((a, d, u, t, c, o, v) -> join(List.of("log"), a, d, u, t, c, o, v));
    }

    /** {@code log edit ID ...} and {@code log delete ID} with any id. */
    static Arbitrary<List<String>> corrections() {
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.of("hand-1", "hand-2", "NP-1:1"), arguments());
        return Combinators.combine(
                        Arbitraries.of("edit", "delete"),
                        ids,
                        option("--depth", HostileInput.numbers()),
                        option("--at", HostileInput.dates()))
                .as((verb, id, d, t) ->
                        verb.equals("edit") ? join(List.of("log", verb, id), d, t) : List.of("log", verb, id));
    }

    static Arbitrary<List<String>> statuses() {
        return Combinators.combine(option("--at", HostileInput.dates()), option("--owner", Arbitraries.of("alex")))
                .as((t, o) -> join(List.of("status"), t, o));
    }

    static Arbitrary<List<String>> conditions() {
        return Combinators.combine(
                        arguments().map(List::of),
                        option("--from", HostileInput.dates()),
                        option("--until", HostileInput.dates()),
                        option("--owner", Arbitraries.of("alex", "sam")))
                .as((c, f, u, o) -> join(List.of("condition", "add"), c, f, u, o));
    }

    static Arbitrary<List<String>> histories() {
        return Combinators.combine(
                        option("--since", HostileInput.dates()),
                        option("--pen", Arbitraries.of("NP-1")),
                        option("--format", Arbitraries.of("table", "json", "csv")))
                .as((s, p, f) -> join(List.of("history"), s, p, f));
    }

    /** The option, absent, with an ordinary value, or with anything at all. */
    private static Arbitrary<List<String>> option(String name, Arbitrary<String> values) {
        return Arbitraries.oneOf(
                Arbitraries.just(List.<String>of()),
                values.map(v -> List.of(name, v)),
                arguments().map(v -> List.of(name, v)));
    }

    /** What one argument can hold: anything but NUL, up to 128 KiB. */
    private static Arbitrary<String> arguments() {
        return Arbitraries.oneOf(HostileInput.texts(), HostileInput.numbers(), HostileInput.dates())
                .map(t -> t.replace('\u0000', ' '))
                .map(t -> t.length() <= LONGEST_ARGUMENT ? t : t.substring(0, LONGEST_ARGUMENT));
    }

    @SafeVarargs
    private static List<String> join(List<String> command, List<String>... options) {
        List<String> all = new ArrayList<>(command);
        for (List<String> o : options) {
            all.addAll(o);
        }
        return all;
    }
}
