package io.needleguard.sim.scenario;

import java.util.Objects;

/**
 * A simulated pen.
 *
 * @param model what the pen reports as its model number
 * @param owner the id of the {@link ScenarioOwner} whose skin this pen needles
 */
public record ScenarioPen(String serial, String model, String owner) {

    public static final String DEFAULT_MODEL = "sim-a1";

    public ScenarioPen {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(owner, "owner");
    }
}
