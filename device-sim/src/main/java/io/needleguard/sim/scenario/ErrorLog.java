package io.needleguard.sim.scenario;

import java.util.ArrayList;
import java.util.List;

/** The errors found so far while reading one file, in the order they were found. */
final class ErrorLog {

    private final List<ScenarioError> errors = new ArrayList<>();

    void add(String jsonPath, String message) {
        errors.add(new ScenarioError(jsonPath, message));
    }

    /** How many errors so far; a reader compares counts to know whether a part it read was clean. */
    int count() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<ScenarioError> all() {
        return List.copyOf(errors);
    }
}
