package io.needleguard.ble.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.ble.Deadline;
import io.needleguard.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What both BlueZ adapters do whatever their library, over a fake library: which devices a scan
 * reports, what a connection that fails half-way leaves behind, and what happens when BlueZ goes away.
 */
class BluezBackendTest {

    private static final UUID PEN = UUID.fromString("4e47a000-5d3c-4c8e-8f5a-6e6565646c65");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeLibrary backend = new FakeLibrary();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void aScanReportsPensInRangeThatAreNotConnected() throws BleException {
        backend.devices = List.of(
                new BluezBackend.Seen<>("/pen-a", "C0:00:00:00:00:01", "NG-1", -40, Set.of(PEN), false),
                new BluezBackend.Seen<>("/pen-b", "C0:00:00:00:00:02", "NG-2", 0, Set.of(PEN), false),
                new BluezBackend.Seen<>("/pen-c", "C0:00:00:00:00:03", "NG-3", -50, Set.of(PEN), true),
                new BluezBackend.Seen<>("/other", "C0:00:00:00:00:04", "watch", -30, Set.of(), false),
                // a sentinel: once it is reported, the scan has looked at every device before it
                new BluezBackend.Seen<>("/pen-e", "C0:00:00:00:00:05", "NG-5", -60, Set.of(PEN), false));
        List<Advertisement> seen = new CopyOnWriteArrayList<>();

        backend.startScan(PEN, seen::add);
        Await.until(() -> seen.stream().anyMatch(a -> a.name().equals("NG-5")), WAIT, "the sentinel pen reported");

        assertEquals(
                Set.of("NG-1", "NG-5"),
                seen.stream().map(Advertisement::name).collect(java.util.stream.Collectors.toSet()),
                "not heard (no RSSI), connected, or not a pen: not reported");
        assertEquals(-40, seen.get(0).rssi());
    }

    @Test
    void aLinkThatDropsWhileBeingWatchedIsLostAndTheDeviceDisconnected() throws BleException {
        backend.devices =
                List.of(new BluezBackend.Seen<>("/pen-a", "C0:00:00:00:00:01", "NG-1", -40, Set.of(PEN), false));
        backend.dropWhenWatched = true;

        BleException e =
                assertThrows(BleException.class, () -> backend.connect("C0:00:00:00:00:01", Duration.ofSeconds(2)));

        assertEquals("C0:00:00:00:00:01 dropped at once", e.getMessage(), "the first failure is the one told");
        assertEquals(
                List.of("connect /pen-a", "disconnect /pen-a: disconnect after a failed connection"), backend.calls);
        assertFalse(backend.made.get(0).isConnected(), "the connection made is lost");
        backend.calls.clear();
        backend.devices =
                List.of(new BluezBackend.Seen<>("/pen-a", "C0:00:00:00:00:01", "NG-1", -40, Set.of(PEN), true));
        backend.releaseLeftoverConnections(PEN);
        assertEquals(List.of("disconnect /pen-a: disconnect a leftover link"), backend.calls, "it is not kept as ours");
    }

    @Test
    void aConnectionKeptIsNotALeftoverAndIsClosedWithTheBackend() throws BleException {
        backend.devices =
                List.of(new BluezBackend.Seen<>("/pen-a", "C0:00:00:00:00:01", "NG-1", -40, Set.of(PEN), true));

        BleConnection connection = backend.connect("C0:00:00:00:00:01", Duration.ofSeconds(2));
        backend.releaseLeftoverConnections(PEN);

        assertSame(backend.made.get(0), connection);
        assertEquals(List.of("connect /pen-a"), backend.calls, "our own link is left alone");
        backend.close();
        assertFalse(connection.isConnected());
        assertEquals(List.of("connect /pen-a", "link disconnect C0:00:00:00:00:01"), backend.calls);
    }

    @Test
    void aDeviceNotInRangeIsNamedAfterTheDeadline() {
        BleException e =
                assertThrows(BleException.class, () -> backend.connect("C0:00:00:00:00:09", Duration.ofMillis(300)));
        assertEquals("no device C0:00:00:00:00:09 in range", e.getMessage());
    }

    @Test
    void bluezGoneDropsTheLinksOnceThenGivesUpAfterItsTime() throws BleException {
        backend.devices =
                List.of(new BluezBackend.Seen<>("/pen-a", "C0:00:00:00:00:01", "NG-1", -40, Set.of(PEN), false));
        List<BleException> failures = new CopyOnWriteArrayList<>();
        backend.onFailure(failures::add);
        BleConnection connection = backend.connect("C0:00:00:00:00:01", Duration.ofSeconds(2));
        List<String> dropped = new CopyOnWriteArrayList<>();
        connection.onDisconnect(() -> dropped.add("dropped"));
        backend.startScan(PEN, a -> {});

        backend.adapter = Optional.empty();
        Await.until(() -> !failures.isEmpty(), WAIT, "giving up after BlueZ stayed gone");

        assertEquals(List.of("dropped"), dropped);
        assertEquals(1, failures.size());
        assertTrue(
                failures.get(0)
                        .getMessage()
                        .startsWith("BlueZ's adapter hci0 has been gone for 1 s and the fake"
                                + " cannot follow it (is bluetoothd running?"),
                failures.get(0).getMessage());
    }

    @Test
    void bluezBackStartsDiscoveryAgain() throws BleException {
        backend.startScan(PEN, a -> {});
        backend.adapter = Optional.empty();
        Await.until(() -> backend.looks >= 2, WAIT, "the scanner seeing the adapter gone");
        backend.adapter = Optional.of(true);

        Await.until(() -> backend.discoveries == 2, WAIT, "discovery started again", () -> backend.calls);
        assertTrue(backend.adapterBack, "the library took up the adapter again");
    }

    /** A library whose BlueZ is whatever the test says, and that writes down what it was asked. */
    private static final class FakeLibrary extends BluezBackend<String, FakeConnection> {

        volatile List<Seen<String>> devices = List.of();
        volatile Optional<Boolean> adapter = Optional.of(true);
        volatile boolean dropWhenWatched;
        volatile boolean adapterBack;
        volatile int discoveries;
        volatile int looks;
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<FakeConnection> made = new CopyOnWriteArrayList<>();

        FakeLibrary() {
            super(
                    "fake",
                    "fake-bluez",
                    new BluezOptions("hci0", Duration.ofSeconds(1)),
                    " and the fake cannot follow it",
                    new BlockingCalls("fake-bluez", 1, Throwable::getMessage));
        }

        @Override
        protected Optional<Boolean> lookAtAdapter() {
            looks++;
            return adapter;
        }

        @Override
        protected void adapterBack() {
            adapterBack = true;
        }

        @Override
        protected void startDiscovery() {
            discoveries++;
        }

        @Override
        protected void stopDiscovery() {}

        @Override
        protected List<Seen<String>> devices(Duration timeout) {
            return devices;
        }

        @Override
        protected void connectDevice(String address, String device, Deadline deadline) {
            calls.add("connect " + device);
        }

        @Override
        protected boolean servicesResolved(String address, String device, Deadline deadline) {
            return true;
        }

        @Override
        protected FakeConnection link(String address, String device, Deadline deadline) {
            FakeConnection c = new FakeConnection(address, this.calls);
            made.add(c);
            return c;
        }

        @Override
        protected void watch(FakeConnection connection, String device) throws BleException {
            if (dropWhenWatched) {
                throw new BleException(connection.address() + " dropped at once");
            }
        }

        @Override
        protected void disconnectDevice(String address, String device, String why, Duration timeout) {
            calls.add("disconnect " + device + ": " + why);
        }

        @Override
        protected boolean paired(String address, String device, Deadline deadline) {
            return false;
        }

        @Override
        protected void pairDevice(String address, String device, Deadline deadline) {}

        @Override
        protected boolean alreadyPaired(BleException e) {
            return false;
        }
    }

    private static final class FakeConnection extends BluezConnection<String> {

        private final List<String> calls;

        FakeConnection(String address, List<String> calls) {
            super(address, Map.of(), new BlockingCalls("fake-link", 1, Throwable::getMessage), Duration.ofSeconds(1));
            this.calls = calls;
        }

        @Override
        public byte[] read(UUID service, UUID characteristic) {
            return new byte[0];
        }

        @Override
        public void write(UUID service, UUID characteristic, byte[] value) {}

        @Override
        public void subscribe(UUID service, UUID characteristic, Consumer<byte[]> onValue) {}

        @Override
        protected void disconnect() {
            calls.add("link disconnect " + address());
        }
    }
}
