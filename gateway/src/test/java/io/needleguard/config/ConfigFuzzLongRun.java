package io.needleguard.config;

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
 * The long run of {@link ConfigFuzzTest}: 20,000 hostile values and 10,000 mutations of the example. Runs with
 * {@code ./mvnw -B verify -Preliability}, not in every build.
 */
class ConfigFuzzLongRun {

    private static ConfigFuzzTest.Reader reader;

    @BeforeContainer
    static void start() {
        reader = new ConfigFuzzTest.Reader();
    }

    @AfterContainer
    static void stop() {
        if (reader != null) {
            System.out.println("configuration files (long run): " + reader.budget.summary());
            reader.budget.close();
        }
    }

    @Property(tries = 20_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void aHostileValueInAnyPlace(@ForAll("valuesInPlaces") String yaml) {
        reader.check(yaml);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void theExampleWithCharactersChanged(@ForAll("mutations") List<Integer> edits) {
        reader.check(ConfigFuzzTest.mutate(reader.example, edits));
    }

    @Provide
    Arbitrary<String> valuesInPlaces() {
        return ConfigFuzzTest.valuesInPlaces();
    }

    @Provide
    Arbitrary<List<Integer>> mutations() {
        return ConfigFuzzTest.mutations();
    }
}
