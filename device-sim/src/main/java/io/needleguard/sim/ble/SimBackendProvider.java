package io.needleguard.sim.ble;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.config.ConfigException;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioReader;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.sim.world.ScenarioPlayer;
import io.needleguard.sim.world.WorldEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ble.backend: sim}: simulated pens for a gateway started with {@code needleguard run}. They
 * replay a scenario (the built-in one, or {@code ble.options.scenario}) live, on the wall clock,
 * starting a minute after the gateway: a way to try Home Assistant or a dashboard without a pen.
 */
public final class SimBackendProvider implements BleBackendProvider {

    private static final Logger log = LoggerFactory.getLogger(SimBackendProvider.class);
    static final Duration LEAD = Duration.ofMinutes(1);

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
                throw new ConfigException("ble.options." + key + ": not an option of the sim backend; it takes: scenario (a scenario "
                        + "file), lead-seconds (how long after start the scenario begins, default 60)");
            }
        }
        Duration lead = LEAD;
        if (options.containsKey("lead-seconds")) {
            try {
                lead = Duration.ofSeconds(Long.parseLong(options.get("lead-seconds")));
            } catch (NumberFormatException e) {
                throw new ConfigException("ble.options.lead-seconds: '" + options.get("lead-seconds") + "' is not a whole number of seconds");
            }
            if (lead.isNegative()) {
                throw new ConfigException("ble.options.lead-seconds: cannot be negative");
            }
        }
        Scenario scenario = options.containsKey("scenario")
                ? new ScenarioReader().read(Path.of(options.get("scenario")))
                : Scenarios.builtIn();
        Scenario live = scenario.startingAt(clock.instant().plus(lead).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusSeconds(1));
        SimAir air = new SimAir();
        ScenarioPlayer player = new ScenarioPlayer(live, clock, air);
        player.switchOnPens();
        Thread world = new Thread(() -> play(player, clock, live), "sim-world");
        world.setDaemon(true);
        world.start();
        log.info("simulated pens {} replay '{}' live from {}", player.pens().keySet(), live.name(), live.start());
        return new SimBleBackend(air, world::interrupt);
    }

    private static void play(ScenarioPlayer player, Clock clock, Scenario live) {
        try {
            player.play(ScenarioPlayer.Time.wallClock(clock), () -> { }, SimBackendProvider::logEvent);
            log.info("the simulated pens finished '{}'", live.name());
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void logEvent(WorldEvent event) {
        if (event instanceof WorldEvent.Start start) {
            log.info("simulated pen {} starts a session", start.pen());
        } else if (event instanceof WorldEvent.OutOfRange) {
            log.info("simulated pen {} goes out of range", event.pen());
        } else if (event instanceof WorldEvent.BackInRange) {
            log.info("simulated pen {} is back in range", event.pen());
        }
    }
}
