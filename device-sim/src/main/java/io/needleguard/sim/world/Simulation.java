package io.needleguard.sim.world;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.gateway.Gateway;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.HandEntry;
import io.needleguard.history.History;
import io.needleguard.history.RefusedEntry;
import io.needleguard.history.SessionHistory;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.link.LinkState;
import io.needleguard.pairing.Allowlist;
import io.needleguard.pairing.MemoryPairedPens;
import io.needleguard.session.SessionId;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioHandEntry;
import io.needleguard.sim.scenario.ScenarioPen;
import io.needleguard.sim.time.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A whole world in one process: a scenario's simulated pens, reached through the in-process BLE
 * backend by a real gateway that records into the given history, and the scenario's sessions logged by
 * hand into that gateway's hand log, all on one virtual clock.
 */
public final class Simulation implements AutoCloseable {

    /** How long the gateway may take to catch up with one event before the simulation gives up. */
    static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final Scenario scenario;
    private final VirtualClock clock;
    private final SimAir air = new SimAir();
    private final BleBackend backend;
    private final ScenarioPlayer player;
    private final Gateway gateway;
    private final SessionHistory history;

    public Simulation(Scenario scenario, History store, List<GatewayListener> listeners) throws BleException {
        this(scenario, clockFor(scenario), store, listeners, builder -> builder, PenTransport.IN_PROCESS);
    }

    /**
     * @param clock  the virtual clock to run on (from {@link #clockFor}), when listeners need it first
     * @param store  the history; the scenario's conditions are added to it
     * @param extras    anything else to wire into the gateway (the MQTT bridge)
     * @param transport how the gateway reaches the pens
     */
    public Simulation(
            Scenario scenario,
            VirtualClock clock,
            History store,
            List<GatewayListener> listeners,
            UnaryOperator<Gateway.Builder> extras,
            PenTransport transport)
            throws BleException {
        this.scenario = scenario;
        this.clock = clock;
        this.history = store.sessions();
        this.player = new ScenarioPlayer(scenario, clock, air, this::logByHand);
        this.backend = transport.open(air, clock);
        scenario.conditions()
                .forEach(c -> store.conditions()
                        .addCondition(new ConditionPeriod(0, c.owner(), c.condition(), c.from(), c.until())));
        Set<String> serials = scenario.pens().stream().map(ScenarioPen::serial).collect(Collectors.toUnmodifiableSet());
        Gateway.Builder builder = Gateway.builder()
                .clock(clock)
                .backend(backend)
                .history(store)
                .household(household(scenario))
                .allowlist(allowlist(serials, clock))
                .pens(() -> serials);
        listeners.forEach(builder::listener);
        this.gateway = extras.apply(builder).build();
    }

    /**
     * The scenario's pens, each pinned to the address it first proves its serial from, as a
     * configuration without addresses would be: a rogue device claiming a pen's serial is refused.
     */
    static Allowlist allowlist(Set<String> serials, java.time.Clock clock) {
        Map<String, Optional<String>> configured = new TreeMap<>();
        serials.forEach(serial -> configured.put(serial, Optional.empty()));
        return new Allowlist(configured, new MemoryPairedPens(), clock);
    }

    /** A person logs a session by hand, as {@code needleguard log} would, at the moment the scenario says. */
    private void logByHand(ScenarioHandEntry entry) {
        HandEntry.Builder hand = HandEntry.builder()
                .owner(entry.owner())
                .area(entry.area())
                .depth(entry.depth())
                .at(entry.start())
                .cartridge(entry.cartridge());
        entry.duration().ifPresent(hand::duration);
        entry.device().ifPresent(hand::device);
        try {
            gateway.handLog().log(hand.build());
        } catch (RefusedEntry e) {
            // The scenario reader refuses what the hand log would: this is a bug, not a bad file.
            throw new IllegalStateException(
                    "'" + scenario.name() + "' " + entry.jsonPath() + " was refused: " + e.getMessage(), e);
        }
    }

    /** A virtual clock at the scenario's start, in the offset it was written with. */
    public static VirtualClock clockFor(Scenario scenario) {
        return new VirtualClock(scenario.start().toInstant(), scenario.start().getOffset());
    }

    /** The scenario's people, pens and devices as the gateway sees them (the rules are the defaults). */
    public static Household household(Scenario scenario) {
        List<Owner> owners = scenario.owners().stream()
                .map(o -> new Owner(o.id(), o.zone(), o.skinType()))
                .toList();
        return new Household(
                owners,
                scenario.pens().stream().collect(Collectors.toMap(ScenarioPen::serial, ScenarioPen::owner)),
                scenario.devices(),
                scenario.start().getOffset());
    }

    public VirtualClock clock() {
        return clock;
    }

    public Gateway gateway() {
        return gateway;
    }

    public ScenarioPlayer player() {
        return player;
    }

    /** Switches the pens on, starts the gateway and plays the scenario to its end. */
    public void run(ScenarioPlayer.Time time, Consumer<WorldEvent> observer) throws InterruptedException, BleException {
        player.switchOnPens();
        gateway.start();
        player.play(time, this::awaitGateway, observer);
    }

    /** Plays the scenario as fast as the gateway keeps up. */
    public void run() throws InterruptedException, BleException {
        run(ScenarioPlayer.Time.virtual(clock), event -> {});
    }

    /**
     * Waits until the gateway has handled everything the pens did: every pen in range is connected
     * and subscribed, and the history has each pen's latest session. Over a real transport (D-Bus)
     * notifications are still on their way when the pen's method returns, so "the gateway is idle"
     * alone is not enough.
     */
    private void awaitGateway() throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !gateway.awaitIdle(Duration.ofNanos(left))) {
                throw new IllegalStateException("the gateway did not catch up with the simulated pens of '"
                        + scenario.name() + "' within " + CATCH_UP.toSeconds() + " s (pens: " + gateway.pens() + ")");
            }
            if (settled()) {
                return;
            }
            Thread.sleep(2);
        }
    }

    private boolean settled() {
        Map<String, LinkState> links = gateway.pens();
        for (Map.Entry<String, SimulatedPen> entry : player.pens().entrySet()) {
            SimulatedPen pen = entry.getValue();
            if (!pen.inRange()) {
                continue;
            }
            if (links.get(entry.getKey()) != LinkState.SUBSCRIBED
                    || !pen.connected()
                    || history.lastSession(entry.getKey())
                                    .map(SessionId::counter)
                                    .orElse(0L)
                            < pen.sessionCounter()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
    }
}
