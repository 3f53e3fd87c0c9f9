package io.needleguard.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code ble.backend: auto}: TinyB where it can run, the D-Bus backend elsewhere, and why, in the log. */
class AutoBackendProviderTest {

    /** A backend that can or cannot run here, and remembers the options it was opened with. */
    private static final class FakeProvider implements BleBackendProvider {
        final String id;
        final Optional<String> unavailable;
        Map<String, String> openedWith;

        FakeProvider(String id, Optional<String> unavailable) {
            this.id = id;
            this.unavailable = unavailable;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return id + " for tests";
        }

        @Override
        public Optional<String> unavailableHere() {
            return unavailable;
        }

        @Override
        public BleBackend open(Clock clock, Map<String, String> options) {
            openedWith = options;
            return new BleBackend() {
                @Override
                public String name() {
                    return id + " (hci0)";
                }

                @Override
                public void startScan(UUID service, Consumer<Advertisement> onDevice) {}

                @Override
                public void stopScan() {}

                @Override
                public BleConnection connect(String address, Duration timeout) throws BleException {
                    throw new BleException("not in this test");
                }

                @Override
                public void close() {}
            };
        }
    }

    private final FakeProvider sim = new FakeProvider("sim", Optional.empty());
    private final FakeProvider dbus = new FakeProvider("dbus", Optional.empty());

    @Test
    void tinybIsTakenWhereItsNativesLoad() throws Exception {
        FakeProvider tinyb = new FakeProvider("tinyb", Optional.empty());
        AutoBackendProvider auto = new AutoBackendProvider(() -> List.of(sim, dbus, tinyb));

        AutoBackendProvider.Choice choice = auto.choose();

        assertEquals("tinyb", choice.provider().id());
        assertTrue(choice.reason().contains("TinyB's native libraries load on"), choice.reason());
    }

    @Test
    void theDbusBackendIsTakenWhereTinybCannotRunAndTheLogSaysWhy() throws Exception {
        FakeProvider tinyb = new FakeProvider(
                "tinyb",
                Optional.of("TinyB's native libraries cover Linux x86_64, x86 and 32-bit ARM; this machine is"
                        + " linux/aarch64"));
        AutoBackendProvider auto = new AutoBackendProvider(() -> List.of(tinyb, dbus, sim));
        try (LogCapture log = new LogCapture(AutoBackendProvider.class)) {
            BleBackend backend = auto.open(Clock.systemUTC(), Map.of("adapter", "hci1"));

            assertEquals("dbus (hci0)", backend.name());
            assertEquals(Map.of("adapter", "hci1"), dbus.openedWith, "the options go to the chosen backend");
            String line = log.messages().get(0);
            assertTrue(line.startsWith("Bluetooth backend: dbus, chosen by ble.backend: auto because"), line);
            assertTrue(line.contains("not tinyb: TinyB's native libraries cover"), line);
            assertTrue(line.contains("linux/aarch64"), line);
            assertTrue(line.contains("runs wherever BlueZ does"), line);
        }
    }

    @Test
    void withNoBackendThatCanRunTheMessageSaysWhatToDo() {
        FakeProvider tinyb = new FakeProvider("tinyb", Optional.of("TinyB runs only on Linux"));
        FakeProvider noDbus = new FakeProvider("dbus", Optional.of("D-Bus runs only on Linux"));
        AutoBackendProvider auto = new AutoBackendProvider(() -> List.of(tinyb, noDbus, sim));

        BleException e = assertThrows(BleException.class, auto::choose);

        assertTrue(e.getMessage().contains("TinyB runs only on Linux"), e.getMessage());
        assertTrue(e.getMessage().contains("D-Bus runs only on Linux"), e.getMessage());
        assertTrue(e.getMessage().contains("ble.backend: sim"), e.getMessage());
        assertEquals(Optional.of(e.getMessage()), auto.unavailableHere());
    }

    @Test
    void theSimulatorIsNeverChosenAutomatically() {
        AutoBackendProvider auto = new AutoBackendProvider(() -> List.of(sim));

        BleException e = assertThrows(BleException.class, auto::choose);
        assertTrue(e.getMessage().contains("none of [tinyb, dbus] is installed"), e.getMessage());
    }
}
