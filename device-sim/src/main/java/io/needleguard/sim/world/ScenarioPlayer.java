package io.needleguard.sim.world;

import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioHandEntry;
import io.needleguard.sim.scenario.ScenarioPen;
import io.needleguard.sim.scenario.ScenarioSession;
import io.needleguard.sim.time.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Replays a scenario on simulated pens: moves the virtual clock from event to event, starts and
 * stops sessions, takes pens out of range and brings them back, and hands the sessions people log by
 * hand to the gateway's hand log at the moment they are logged. After each event it waits for the
 * gateway to catch up, so a replay never races the gateway and weeks pass in seconds.
 */
public final class ScenarioPlayer {

    /** Waits until the gateway has handled everything the pens sent so far. */
    @FunctionalInterface
    public interface Barrier {
        void awaitGateway() throws InterruptedException;
    }

    /**
     * Brings time to the next event: a virtual clock jumps there (after an optional pause, so people
     * can read along), the wall clock is waited for.
     */
    @FunctionalInterface
    public interface Time {
        void advanceTo(Instant next) throws InterruptedException;

        /** Virtual time: jumps at once. */
        static Time virtual(VirtualClock clock) {
            return clock::advanceTo;
        }

        /** Real time: waits until {@code clock} reaches the next event. */
        static Time wallClock(java.time.Clock clock) {
            return next -> {
                long millis = java.time.Duration.between(clock.instant(), next).toMillis();
                if (millis > 0) {
                    Thread.sleep(millis);
                }
            };
        }

        /** Virtual time that lets {@code wallPerDay} of real time pass per virtual day. */
        static Time paced(VirtualClock clock, java.time.Duration wallPerDay) {
            return next -> {
                long virtualMillis =
                        java.time.Duration.between(clock.instant(), next).toMillis();
                long wallMillis = virtualMillis
                        * wallPerDay.toMillis()
                        / java.time.Duration.ofDays(1).toMillis();
                if (wallMillis > 0) {
                    Thread.sleep(wallMillis);
                }
                clock.advanceTo(next);
            };
        }
    }

    private static final Comparator<WorldEvent> ORDER = Comparator.comparing(WorldEvent::at)
            .thenComparingInt(WorldEvent::rank)
            .thenComparing(e -> e instanceof WorldEvent.PenEvent p ? p.pen() : "")
            .thenComparingInt(
                    e -> e instanceof WorldEvent.HandLogged h ? h.entry().index() : 0);

    private final Scenario scenario;
    private final SimAir air;
    private final Map<String, SimulatedPen> pens = new LinkedHashMap<>();
    private final Consumer<ScenarioHandEntry> handLog;

    /**
     * A player for the pens alone: sessions logged by hand are passed over (a live simulation of pens
     * has no gateway to log them into).
     *
     * @param clock the clock the pens keep time by (until a gateway sets theirs)
     */
    public ScenarioPlayer(Scenario scenario, java.time.Clock clock, SimAir air) {
        this(scenario, clock, air, entry -> {});
    }

    /**
     * @param clock   the clock the pens keep time by (until a gateway sets theirs)
     * @param handLog logs a session by hand, as a person would at that moment
     */
    public ScenarioPlayer(Scenario scenario, java.time.Clock clock, SimAir air, Consumer<ScenarioHandEntry> handLog) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(clock, "clock");
        this.air = Objects.requireNonNull(air, "air");
        this.handLog = Objects.requireNonNull(handLog, "handLog");
        for (ScenarioPen pen : scenario.pens()) {
            pens.put(pen.serial(), new SimulatedPen(pen.serial(), pen.model(), clock));
        }
    }

    /** The scenario's pens, in range and advertising, ready for a gateway to find. */
    public void switchOnPens() {
        pens.values().forEach(air::add);
    }

    public Map<String, SimulatedPen> pens() {
        return pens;
    }

    /** Every event of the scenario, in the order it happens. */
    public List<WorldEvent> events() {
        List<WorldEvent> events = new ArrayList<>();
        for (String serial : pens.keySet()) {
            boolean inRange = true;
            for (ScenarioSession s : scenario.sessionsInTimeOrder()) {
                if (!s.pen().equals(serial)) {
                    continue;
                }
                if (s.offline() && inRange) {
                    events.add(new WorldEvent.OutOfRange(s.start(), serial));
                    inRange = false;
                } else if (!s.offline() && !inRange) {
                    events.add(new WorldEvent.BackInRange(s.start(), serial));
                    inRange = true;
                }
                events.add(new WorldEvent.Start(s.start(), s));
                events.add(new WorldEvent.Stop(s.end(), s));
            }
            if (!inRange) {
                events.add(new WorldEvent.BackInRange(scenario.end(), serial));
            }
        }
        scenario.handLog().forEach(h -> events.add(new WorldEvent.HandLogged(h.loggedAt(), h)));
        events.sort(ORDER);
        return events;
    }

    /**
     * Plays every event, calling {@code observer} before each one happens.
     */
    public void play(Time time, Barrier gateway, Consumer<WorldEvent> observer) throws InterruptedException {
        gateway.awaitGateway();
        for (WorldEvent event : events()) {
            time.advanceTo(event.at());
            observer.accept(event);
            apply(event);
            // Pens advertise all the time; a gateway whose connection attempt failed sees them again.
            air.advertiseAll();
            gateway.awaitGateway();
        }
    }

    private void apply(WorldEvent event) {
        if (event instanceof WorldEvent.HandLogged logged) {
            handLog.accept(logged.entry());
            return;
        }
        SimulatedPen pen = pens.get(((WorldEvent.PenEvent) event).pen());
        if (event instanceof WorldEvent.Start start) {
            pen.selectArea(start.session().area());
            pen.start(
                    start.session().depth(),
                    start.session().strokeHz(),
                    start.session().cartridge());
        } else if (event instanceof WorldEvent.Stop) {
            pen.stop();
        } else if (event instanceof WorldEvent.OutOfRange) {
            air.setInRange(pen, false);
        } else if (event instanceof WorldEvent.BackInRange) {
            air.setInRange(pen, true);
        }
    }
}
