package io.needleguard.sim.ble;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleOptionsException;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioPen;
import io.needleguard.sim.scenario.ScenarioReader;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.sim.world.LiveReplay;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code ble.backend: sim}: simulated pens for a gateway started with {@code needleguard run}. They
 * replay a scenario (the built-in one, or {@code ble.options.scenario}) live, on the wall clock,
 * starting a minute after the gateway: a way to try Home Assistant or a dashboard without a pen.
 */
public final class SimBackendProvider implements BleBackendProvider {

    static final Duration LEAD = Duration.ofMinutes(1);
    /** A scenario that starts more than a day after the gateway is a typo, not a plan. */
    static final Duration MAX_LEAD = Duration.ofDays(1);

    @Override
    public String id() {
        return "sim";
    }

    @Override
    public String description() {
        return "simulated pens replaying a scenario live, for trying needleguard without hardware";
    }

    @Override
    public BleBackend open(Clock clock, Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!Set.of("scenario", "lead-seconds").contains(key)) {
                throw new BleOptionsException(
                        "ble.options." + key + ": not an option of the sim backend; it takes: scenario (a scenario "
                                + "file), lead-seconds (how long after start the scenario begins, default 60)");
            }
        }
        Duration lead = LEAD;
        if (options.containsKey("lead-seconds")) {
            try {
                lead = Duration.ofSeconds(Long.parseLong(options.get("lead-seconds")));
            } catch (NumberFormatException e) {
                throw new BleOptionsException("ble.options.lead-seconds: '" + options.get("lead-seconds")
                        + "' is not a whole number of seconds");
            }
            if (lead.isNegative() || lead.compareTo(MAX_LEAD) > 0) {
                throw new BleOptionsException("ble.options.lead-seconds: " + options.get("lead-seconds")
                        + " is out of range; use 0 to " + MAX_LEAD.toSeconds() + " (a day)");
            }
        }
        Scenario scenario = scenario(options);
        SimAir air = new SimAir();
        LiveReplay replay = LiveReplay.start(scenario, clock, air, lead);
        return new SimBleBackend(air, replay::stop);
    }

    @Override
    public Set<String> simulatedSerials(Map<String, String> options) {
        return scenario(options).pens().stream()
                .map(ScenarioPen::serial)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Scenario scenario(Map<String, String> options) {
        return options.containsKey("scenario")
                ? new ScenarioReader().read(Path.of(options.get("scenario")))
                : Scenarios.builtIn();
    }
}
