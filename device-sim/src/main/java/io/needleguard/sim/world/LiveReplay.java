package io.needleguard.sim.world;

import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scenario replayed live, on the wall clock, by simulated pens in {@code air}: for trying a real
 * gateway ({@code needleguard run} with the sim backend, or against the simulated BlueZ).
 */
public final class LiveReplay {

    private static final Logger log = LoggerFactory.getLogger(LiveReplay.class);

    private final ScenarioPlayer player;
    private final Thread world;

    private LiveReplay(ScenarioPlayer player, Thread world) {
        this.player = player;
        this.world = world;
    }

    /** Switches the scenario's pens on now and starts its first session {@code lead} from now. */
    public static LiveReplay start(Scenario scenario, Clock clock, SimAir air, Duration lead) {
        Scenario live = scenario.startingAt(
                clock.instant().plus(lead).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        ScenarioPlayer player = new ScenarioPlayer(live, clock, air);
        player.switchOnPens();
        Thread world = DaemonThreads.named("sim-world").newThread(() -> play(player, clock, live));
        world.start();
        log.info("simulated pens {} replay '{}' live from {}", player.pens().keySet(), live.name(), live.start());
        return new LiveReplay(player, world);
    }

    public ScenarioPlayer player() {
        return player;
    }

    public void stop() {
        world.interrupt();
    }

    private static void play(ScenarioPlayer player, Clock clock, Scenario live) {
        try {
            player.play(ScenarioPlayer.Time.wallClock(clock), () -> {}, LiveReplay::logEvent);
            log.info("the simulated pens finished '{}'", live.name());
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void logEvent(WorldEvent event) {
        if (event instanceof WorldEvent.Start start) {
            log.info("simulated pen {} starts a session", start.pen());
        } else if (event instanceof WorldEvent.OutOfRange out) {
            log.info("simulated pen {} goes out of range", out.pen());
        } else if (event instanceof WorldEvent.BackInRange back) {
            log.info("simulated pen {} is back in range", back.pen());
        } else if (event instanceof WorldEvent.HandLogged logged) {
            log.info(
                    "the scenario logs {} by hand now; the sim backend simulates pens only, so log it with"
                            + " 'needleguard log' (replay and the demo log it themselves)",
                    logged.entry().jsonPath());
        }
    }
}
