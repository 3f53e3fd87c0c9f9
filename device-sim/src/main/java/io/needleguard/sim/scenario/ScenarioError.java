package io.needleguard.sim.scenario;

import java.util.Objects;

/**
 * One thing wrong in a scenario file.
 *
 * @param jsonPath where it is, e.g. {@code $.sessions[1].depthMm}; {@code $} for the whole document
 * @param message  what is wrong and what is allowed instead
 */
public record ScenarioError(String jsonPath, String message) {

    public ScenarioError {
        Objects.requireNonNull(jsonPath, "jsonPath");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return jsonPath + ": " + message;
    }
}
