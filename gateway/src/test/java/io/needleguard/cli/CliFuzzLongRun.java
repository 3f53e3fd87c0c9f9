package io.needleguard.cli;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The long run of {@link CliFuzzTest}: 5,000 command lines. Runs with {@code ./mvnw -B verify -Preliability},
 * not in every build.
 */
class CliFuzzLongRun {

    private static CliFuzzTest.Shell shell;

    @BeforeContainer
    static void start() throws IOException {
        shell = new CliFuzzTest.Shell();
    }

    @AfterContainer
    static void stop() throws IOException {
        if (shell != null) {
            System.out.println("command lines (long run): " + shell.budget.summary());
            shell.close();
        }
    }

    @Property(tries = 5_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyCommand(@ForAll("commands") List<String> args) {
        shell.check(args);
    }

    @Provide
    Arbitrary<List<String>> commands() {
        return CliFuzzTest.commands();
    }
}
