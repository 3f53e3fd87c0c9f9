package io.needleguard.sim.scenario;

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
 * The long run of {@link ScenarioFuzzTest}: 20,000 hostile values and 10,000 mutations of the shipped
 * scenarios. Runs with {@code ./mvnw -B verify -Preliability}, not in every build.
 */
class ScenarioFuzzLongRun {

    private static ScenarioFuzzTest.Reader reader;

    @BeforeContainer
    static void start() {
        reader = new ScenarioFuzzTest.Reader();
    }

    @AfterContainer
    static void stop() {
        if (reader != null) {
            System.out.println("scenario files (long run): " + reader.budget.summary());
            reader.budget.close();
        }
    }

    @Property(tries = 20_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void aHostileValueInAnyPlace(@ForAll("valuesInPlaces") String json) {
        reader.check(json);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void theShippedScenariosWithCharactersChanged(@ForAll("mutations") List<Integer> edits) {
        reader.check(ScenarioFuzzTest.mutate(reader.shipped.get(edits.get(0) % reader.shipped.size()), edits));
    }

    @Provide
    Arbitrary<String> valuesInPlaces() {
        return ScenarioFuzzTest.valuesInPlaces();
    }

    @Provide
    Arbitrary<List<Integer>> mutations() {
        return ScenarioFuzzTest.mutations();
    }
}
