package io.needleguard.sim.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.ble.AutoBackendProvider;
import io.needleguard.ble.BleBackend;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.household.Household;
import io.needleguard.pairing.Allowlist;
import io.needleguard.pairing.MemoryPairedPens;
import io.needleguard.session.Depth;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.testing.Await;
import io.needleguard.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ble.backend: auto} on this JVM: TinyB where its natives load, the D-Bus backend elsewhere, the
 * choice and its reason logged, and pens recorded through it. The build runs this twice: as the machine
 * is (x86_64: TinyB), and in a JVM that reports itself as 64-bit ARM ({@code -Dos.arch=aarch64}, the
 * {@code dbus-without-tinyb} execution in device-sim/pom.xml), where TinyB's natives cannot load.
 */
class AutoChoiceOverSimulatedBluezTest {

    private final Clock clock = Clock.systemUTC();
    private final SimAir air = new SimAir();
    private final SimulatedPen pen = new SimulatedPen("SIM-0001", "sim-a1", clock);
    private final InMemoryHistory history = new InMemoryHistory();
    private FakeBluez bluez;
    private BleBackend backend;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (bluez != null) {
            bluez.close();
        }
    }

    @Test
    void autoTakesTinybWhereItsNativesLoadElseTheDbusBackendAndSaysWhich() throws Exception {
        BluezTestSupport.assumeReady("auto");
        String expected = BluezTestSupport.tinybCoversThisMachine() ? "tinyb" : "dbus";
        air.add(pen);
        bluez = FakeBluez.start(BluezTransport.privateBus().address(), air);
        try (LogCapture log = new LogCapture(AutoBackendProvider.class)) {
            backend = BluezTransport.provider("auto").open(clock, Map.of());

            assertTrue(backend.name().startsWith(expected + " (hci0)"), backend.name());
            String line = log.messages().stream()
                    .filter(m -> m.startsWith("Bluetooth backend: "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("auto logged no choice: " + log.messages()));
            assertTrue(
                    line.startsWith("Bluetooth backend: " + expected + ", chosen by ble.backend: auto because"), line);
            if (expected.equals("dbus")) {
                assertTrue(
                        line.contains("not tinyb: TinyB's native libraries cover Linux x86_64, x86 and 32-bit ARM;"
                                + " this machine is linux/" + System.getProperty("os.arch")),
                        line);
            } else {
                assertTrue(line.contains("TinyB's native libraries load on linux/"), line);
            }
        }

        gateway = Gateway.builder()
                .clock(clock)
                .backend(backend)
                .history(history.history())
                .household(Household.single(ZoneOffset.UTC))
                .allowlist(new Allowlist(Map.of("SIM-0001", Optional.empty()), new MemoryPairedPens(), clock))
                .build();
        gateway.start();
        Await.until(() -> pen.connected(), Duration.ofSeconds(30), "the pen to be connected");
        pen.start(Depth.ofMm("0.25"), 120, "C-1");
        pen.stop();
        Await.until(
                () -> history.sessions().list(HistoryQuery.all()).size() == 1,
                Duration.ofSeconds(30),
                "the session recorded through the chosen backend",
                () -> backend.name());
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
