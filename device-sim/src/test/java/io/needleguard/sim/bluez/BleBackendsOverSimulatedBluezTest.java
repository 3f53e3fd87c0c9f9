package io.needleguard.sim.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.gateway.Gateway;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.household.Household;
import io.needleguard.link.LinkState;
import io.needleguard.pairing.Allowlist;
import io.needleguard.pairing.MemoryPairedPens;
import io.needleguard.retry.Backoff;
import io.needleguard.session.Depth;
import io.needleguard.session.SessionId;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.testing.Await;
import io.needleguard.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * The gateway with each of its real Bluetooth backends (TinyB, and the D-Bus backend), talking over
 * D-Bus to the simulated BlueZ, which serves a simulated pen: each fault a home user's setup produces,
 * and what the gateway does about it. Every test runs once per backend.
 */
class BleBackendsOverSimulatedBluezTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Clock clock = Clock.systemUTC();
    private final SimAir air = new SimAir();
    private final SimulatedPen pen = new SimulatedPen("SIM-0001", "sim-a1", clock);
    private final InMemoryHistory history = new InMemoryHistory();
    private final MemoryPairedPens paired = new MemoryPairedPens();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<SessionId> duplicates = new CopyOnWriteArrayList<>();
    private FakeBluez bluez;
    private BleBackend backend;
    private Gateway gateway;

    private void ready(String backendId) {
        BluezTestSupport.assumeReady(backendId);
        air.add(pen);
    }

    private void start(String backendId, Map<String, String> options) throws Exception {
        ready(backendId);
        bluez = FakeBluez.start(BluezTransport.privateBus().address(), air);
        backend = BluezTransport.provider(backendId).open(clock, options);
        gateway = Gateway.builder()
                .clock(clock)
                .backend(backend)
                .history(history.history())
                .household(Household.single(ZoneOffset.UTC))
                .allowlist(new Allowlist(Map.of("SIM-0001", Optional.empty()), paired, clock))
                .backoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0.1, new Random(1)))
                .listener(new GatewayListener() {
                    @Override
                    public void badFrame(String serial, String problem) {
                        events.add("bad frame from " + serial + ": " + problem);
                    }

                    @Override
                    public void penRefused(String serial, String address) {
                        events.add("refused " + address + " claiming " + serial);
                    }

                    @Override
                    public void penBattery(String serial, int percent) {
                        events.add("battery " + serial + " " + percent);
                    }

                    @Override
                    public void duplicate(SessionId id) {
                        duplicates.add(id);
                    }
                })
                .build();
        gateway.start();
        awaitState(LinkState.SUBSCRIBED);
    }

    /** Each part is closed even when another fails: a simulated BlueZ left on the bus fails every later test. */
    @AfterEach
    void stop() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            try {
                if (backend != null) {
                    backend.close();
                }
            } finally {
                if (bluez != null) {
                    bluez.close();
                }
            }
        }
    }

    private void awaitState(LinkState state) {
        Await.until(
                () -> gateway.pens().get("SIM-0001") == state,
                WAIT,
                "pen SIM-0001 to become " + state,
                () -> "it is "
                        + gateway.pens().get("SIM-0001")
                        + "; the pen is " + (pen.inRange() ? "in range" : "out of range")
                        + (pen.connected() ? ", connected" : ", not connected") + ", battery " + pen.battery()
                        + "; BlueZ shows " + bluez.devicesAsSeen());
    }

    private void awaitStored(int sessions) {
        Await.until(
                () -> history.sessions().list(HistoryQuery.all()).size() == sessions,
                WAIT,
                sessions + " sessions in the history",
                () -> "have " + history.sessions().list(HistoryQuery.all()).size());
    }

    private void session(String depth) {
        pen.start(Depth.ofMm(depth), 120, "C-" + (pen.sessionCounter() + 1));
        pen.stop();
    }

    private List<Long> storedCounters() {
        return history.sessions().list(HistoryQuery.all()).stream()
                .map(r -> r.session().id().counter())
                .sorted()
                .toList();
    }

    @OnEachBluezBackend
    void sessionsDoneOutOfRangeArriveOnceAndLeaveThePenOnlyOnceStored(String backendId) throws Exception {
        start(backendId, Map.of());
        session("0.25");
        awaitStored(1);
        Await.until(() -> pen.storedRecords() == 0, WAIT, "the pen was told to delete the stored session");

        air.setInRange(pen, false);
        awaitState(LinkState.DISCONNECTED);
        session("0.25");
        session("0.5");
        session("0.25");
        assertEquals(3, pen.storedRecords(), "the pen keeps what it did out of range");

        air.setInRange(pen, true);
        awaitStored(4);
        awaitState(LinkState.SUBSCRIBED);
        Await.until(() -> pen.storedRecords() == 0, WAIT, "the pen deletes what the history has");
        assertEquals(List.of(1L, 2L, 3L, 4L), storedCounters());
        assertEquals(List.of(), duplicates);
    }

    @OnEachBluezBackend
    void aPenWhoseBatteryDiesIsDisconnectedAndReconnectsWhenCharged(String backendId) throws Exception {
        start(backendId, Map.of());
        session("0.25");
        awaitStored(1);

        air.batteryDies(pen);
        awaitState(LinkState.DISCONNECTED);
        air.charge(pen);
        awaitState(LinkState.SUBSCRIBED);
        session("0.25");

        awaitStored(2);
        assertTrue(events.contains("battery SIM-0001 100"), events.toString());
    }

    @OnEachBluezBackend
    void aBluezRestartDropsThePenAndTheGatewayReconnectsAndFetchesWhatItMissed(String backendId) throws Exception {
        try (LogCapture log = new LogCapture("io.needleguard")) {
            start(backendId, Map.of());
            session("0.25");
            awaitStored(1);

            CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
                try {
                    bluez.restart(Duration.ofSeconds(3));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitState(LinkState.DISCONNECTED);
            session("0.5");
            session("0.25");
            restart.get();

            awaitStored(3);
            awaitState(LinkState.SUBSCRIBED);
            assertEquals(List.of(1L, 2L, 3L), storedCounters());
            assertTrue(
                    log.messages().stream().anyMatch(m -> m.contains("went away (bluetoothd restarted?)")),
                    log.messages().toString());
            assertTrue(
                    log.messages().stream().anyMatch(m -> m.contains("is back; discovering pens again")),
                    log.messages().toString());
        }
    }

    @OnEachBluezBackend
    void aMalformedNotificationIsReportedAndTheConnectionLivesOn(String backendId) throws Exception {
        start(backendId, Map.of());
        pen.sendMalformedStatus(new byte[] {0x7f, 0x00});
        Await.until(
                () -> events.stream().anyMatch(e -> e.startsWith("bad frame")),
                WAIT,
                "the bad frame reported",
                () -> events.toString());
        session("0.25");

        awaitStored(1);
        assertEquals(LinkState.SUBSCRIBED, gateway.pens().get("SIM-0001"));
        assertTrue(
                events.contains(
                        "bad frame from SIM-0001: status frame: profile version 127 is not supported (this gateway reads version 1); update needleguard"),
                events.toString());
    }

    @OnEachBluezBackend
    void aRogueDeviceClaimingAPairedSerialIsRefusedAndReported(String backendId) throws Exception {
        start(backendId, Map.of());
        SimulatedPen rogue = SimulatedPen.impostor("SIM-0001", "ROGUE-1", clock);
        air.add(rogue);

        Await.until(
                () -> events.contains("refused " + rogue.address() + " claiming SIM-0001"),
                WAIT,
                "the rogue device refused",
                () -> events.toString());
        session("0.25");
        awaitStored(1);
        assertFalse(rogue.connected(), "the gateway never connected to the rogue device");
        assertEquals(1, paired.refusedDevices().size());
        assertEquals(rogue.address(), paired.refusedDevices().get(0).address());
    }

    @OnEachBluezBackend
    void aRogueDeviceSeenBeforeThePenIsRefusedOnceItSaysWhoItReallyIs(String backendId) throws Exception {
        ready(backendId);
        air.setInRange(pen, false);
        SimulatedPen rogue = SimulatedPen.impostor("SIM-0001", "ROGUE-1", clock);
        air.add(rogue);
        try (LogCapture log = new LogCapture("io.needleguard")) {
            bluez = FakeBluez.start(BluezTransport.privateBus().address(), air);
            backend = BluezTransport.provider(backendId).open(clock, Map.of());
            gateway = Gateway.builder()
                    .clock(clock)
                    .backend(backend)
                    .history(history.history())
                    .household(Household.single(ZoneOffset.UTC))
                    .allowlist(new Allowlist(Map.of("SIM-0001", Optional.empty()), paired, clock))
                    .build();
            gateway.start();

            Await.until(
                    () -> log.messages().stream().anyMatch(m -> m.contains("its serial is ROGUE-1; refused")),
                    WAIT,
                    "the rogue serial refused",
                    () -> log.messages().toString());
            assertEquals(List.of(), paired.pairedPens(), "the rogue's address is not pinned for the pen");
            rogue.start(Depth.ofMm("0.25"), 120, "C-9");
            rogue.stop();
            air.remove(rogue);
            air.setInRange(pen, true);
            awaitState(LinkState.SUBSCRIBED);
            session("0.25");
            awaitStored(1);
            assertEquals(
                    pen.address(), paired.pairedPen("SIM-0001").orElseThrow().address());
            assertEquals(
                    "SIM-0001",
                    history.sessions()
                            .list(HistoryQuery.all())
                            .get(0)
                            .session()
                            .pen()
                            .orElseThrow());
        }
    }

    @OnEachBluezBackend
    void anAdapterPoweredOffDropsThePenUntilItIsOnAgain(String backendId) throws Exception {
        try (LogCapture log = new LogCapture("io.needleguard")) {
            start(backendId, Map.of());
            bluez.power(false);
            awaitState(LinkState.DISCONNECTED);
            session("0.25");
            Await.until(
                    () -> log.messages().stream().anyMatch(m -> m.contains("was powered off")),
                    WAIT,
                    "the powered-off adapter reported",
                    () -> log.messages().toString());

            bluez.power(true);
            awaitStored(1);
            awaitState(LinkState.SUBSCRIBED);
            assertTrue(
                    log.messages().stream().anyMatch(m -> m.contains("bluetoothctl power on")),
                    log.messages().toString());
        }
    }

    @OnEachBluezBackend
    void whenBluezStaysGoneTheBackendGivesUpSoThatTheServiceIsRestarted(String backendId) throws Exception {
        start(backendId, Map.of("bluez-gone-exit-seconds", "2"));
        CompletableFuture<BleException> failure = new CompletableFuture<>();
        backend.onFailure(failure::complete);

        bluez.removeAdapter();
        awaitState(LinkState.DISCONNECTED);
        BleException problem = failure.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(problem.getMessage().contains("has been gone for 2 s"), problem.getMessage());
        assertTrue(problem.getMessage().contains("Restart=on-failure"), problem.getMessage());
    }
}
