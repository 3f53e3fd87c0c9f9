package io.needleguard.sim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The scenarios that ship inside device-sim, for the zero-setup demo and the end-to-end tests. */
public final class Scenarios {

    /** The demo: four weeks of home use, three pens, two people. */
    public static final String FOUR_WEEKS_AT_HOME = "four-weeks-at-home";

    /** Every built-in scenario name; a resource {@code io/needleguard/sim/scenarios/NAME.json} each. */
    public static final List<String> NAMES = List.of(FOUR_WEEKS_AT_HOME);

    private static final String FOLDER = "/io/needleguard/sim/scenarios/";

    private Scenarios() {}

    /** The demo scenario. */
    public static Scenario builtIn() {
        return builtIn(FOUR_WEEKS_AT_HOME);
    }

    /** @throws IllegalArgumentException when there is no built-in scenario of that name */
    public static Scenario builtIn(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "no built-in scenario '" + name + "'; built in: " + String.join(", ", NAMES));
        }
        String fileName = name + ".json";
        try (InputStream in = Scenarios.class.getResourceAsStream(FOLDER + fileName)) {
            if (in == null) {
                throw new IllegalStateException(
                        "built-in scenario " + fileName + " is missing from the device-sim jar");
            }
            return new ScenarioReader().read(fileName, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
