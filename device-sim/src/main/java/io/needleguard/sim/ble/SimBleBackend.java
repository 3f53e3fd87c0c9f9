package io.needleguard.sim.ble;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.sim.pen.GattError;
import io.needleguard.sim.pen.PenCentral;
import io.needleguard.sim.pen.SimulatedPen;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The gateway's BLE port served by simulated pens in the same process: no Bluetooth, no D-Bus. The
 * gateway cannot tell it from a real backend except by its name.
 */
public final class SimBleBackend implements BleBackend {

    private final SimAir air;
    private final Runnable onClose;
    private volatile Consumer<Advertisement> scanner;

    public SimBleBackend(SimAir air) {
        this(air, () -> {});
    }

    /** @param onClose stops whatever drives the pens, when the gateway closes its backend */
    public SimBleBackend(SimAir air, Runnable onClose) {
        this.air = air;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return "simulator";
    }

    /** The pens in this simulated air: with {@code ble.backend: sim} they are recorded without pairing. */
    @Override
    public Map<String, String> simulatedPens() {
        return air.pens().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(
                        SimulatedPen::serial, SimulatedPen::address, (a, b) -> a));
    }

    @Override
    public void startScan(UUID service, Consumer<Advertisement> onDevice) {
        stopScan();
        Consumer<Advertisement> filtered = ad -> {
            if (ad.services().contains(service)) {
                onDevice.accept(ad);
            }
        };
        scanner = filtered;
        air.addScanner(filtered);
    }

    @Override
    public void stopScan() {
        Consumer<Advertisement> current = scanner;
        if (current != null) {
            air.removeScanner(current);
            scanner = null;
        }
    }

    @Override
    public BleConnection connect(String address, Duration timeout) throws BleException {
        SimulatedPen pen = air.pen(address).orElseThrow(() -> new BleException("no device at " + address));
        SimConnection connection = new SimConnection(pen);
        try {
            pen.attach(connection);
        } catch (GattError e) {
            throw new BleException("could not connect to " + address + ": " + e.getMessage(), e);
        }
        return connection;
    }

    @Override
    public void close() {
        stopScan();
        onClose.run();
    }

    /** One gateway-to-pen link; the pen calls back into it for notifications and a lost link. */
    private static final class SimConnection implements BleConnection, PenCentral {
        private final SimulatedPen pen;
        private final Map<UUID, Consumer<byte[]>> subscriptions = new ConcurrentHashMap<>();
        private final CopyOnWriteArrayList<Runnable> onDisconnect = new CopyOnWriteArrayList<>();
        private volatile boolean connected = true;

        SimConnection(SimulatedPen pen) {
            this.pen = pen;
        }

        @Override
        public String address() {
            return pen.address();
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public byte[] read(UUID service, UUID characteristic) throws BleException {
            ensureConnected();
            try {
                return pen.read(service, characteristic);
            } catch (GattError e) {
                throw new BleException(pen.serial() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void write(UUID service, UUID characteristic, byte[] value) throws BleException {
            ensureConnected();
            try {
                pen.write(service, characteristic, value);
            } catch (GattError e) {
                throw new BleException(pen.serial() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void subscribe(UUID service, UUID characteristic, Consumer<byte[]> onValue) throws BleException {
            ensureConnected();
            subscriptions.put(characteristic, onValue);
            try {
                pen.subscribe(characteristic);
            } catch (GattError e) {
                subscriptions.remove(characteristic);
                throw new BleException(pen.serial() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void onDisconnect(Runnable callback) {
            onDisconnect.add(callback);
        }

        @Override
        public void close() {
            if (connected) {
                connected = false;
                pen.detach();
                onDisconnect.forEach(Runnable::run);
            }
        }

        @Override
        public void notify(UUID service, UUID characteristic, byte[] value) {
            Consumer<byte[]> subscriber = subscriptions.get(characteristic);
            if (connected && subscriber != null) {
                subscriber.accept(value);
            }
        }

        @Override
        public void disconnected() {
            if (connected) {
                connected = false;
                onDisconnect.forEach(Runnable::run);
            }
        }

        private void ensureConnected() throws BleException {
            if (!connected) {
                throw new BleException(pen.serial() + ": not connected");
            }
        }
    }
}
