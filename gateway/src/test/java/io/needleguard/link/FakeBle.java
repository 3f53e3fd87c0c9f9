package io.needleguard.link;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A fake of the gateway's BLE port: scripted pens, connection attempts that can be made to fail,
 * links that can be dropped, and notifications delivered on a radio thread of its own, after the
 * write that caused them has returned, as a real radio would.
 */
public final class FakeBle implements BleBackend {

    private final Map<String, FakePen> pens = new ConcurrentHashMap<>();
    private final Map<String, FakeConnection> connections = new ConcurrentHashMap<>();
    private final ExecutorService radio = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-radio");
        t.setDaemon(true);
        return t;
    });
    final List<String> connectAttempts = new CopyOnWriteArrayList<>();
    final AtomicInteger failNextConnects = new AtomicInteger();
    private volatile Consumer<Advertisement> scanner = advertisement -> {};

    public void add(FakePen pen) {
        pens.put(pen.address, pen);
    }

    /** The pen advertises once; the scanner hears it on this thread. */
    public void advertise(FakePen pen) {
        scanner.accept(pen.advertisement());
    }

    /** The link to this pen drops (out of range). */
    void drop(FakePen pen) {
        FakeConnection connection = connections.remove(pen.address);
        if (connection != null) {
            connection.lost();
        }
    }

    /** The link to this pen drops right after it has delivered {@code records} more session records. */
    void dropAfterRecords(FakePen pen, int records) {
        connections.get(pen.address).recordsUntilDrop.set(records);
    }

    boolean connected(FakePen pen) {
        FakeConnection connection = connections.get(pen.address);
        return connection != null && connection.isConnected();
    }

    /** Sends a notification from the pen, if the gateway subscribed to it. */
    void notifyFrom(FakePen pen, UUID characteristic, byte[] value) {
        FakeConnection connection = connections.get(pen.address);
        if (connection != null) {
            connection.deliver(characteristic, value);
        }
    }

    /** Waits until every notification sent so far has been handed to the gateway. */
    public void flush() throws InterruptedException {
        java.util.concurrent.Future<?> marker = radio.submit(() -> {});
        try {
            marker.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the fake radio is stuck", e);
        }
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void startScan(UUID service, Consumer<Advertisement> onDevice) {
        scanner = advertisement -> {
            if (advertisement.services().contains(service)) {
                onDevice.accept(advertisement);
            }
        };
    }

    @Override
    public void stopScan() {
        scanner = advertisement -> {};
    }

    @Override
    public BleConnection connect(String address, Duration timeout) throws BleException {
        connectAttempts.add(address);
        if (failNextConnects.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new BleException(address + ": le-connection-abort-by-local");
        }
        FakePen pen = pens.get(address);
        if (pen == null) {
            throw new BleException("no device " + address);
        }
        FakeConnection connection = new FakeConnection(pen);
        connections.put(address, connection);
        return connection;
    }

    @Override
    public void close() {
        radio.shutdownNow();
    }

    private final class FakeConnection implements BleConnection {
        private final FakePen pen;
        private final Map<UUID, Consumer<byte[]>> subscriptions = new ConcurrentHashMap<>();
        private final List<Runnable> onDisconnect = new CopyOnWriteArrayList<>();
        private final AtomicBoolean connected = new AtomicBoolean(true);
        /** Confined to the radio thread; negative for never. */
        private final java.util.concurrent.atomic.AtomicInteger recordsUntilDrop =
                new java.util.concurrent.atomic.AtomicInteger(-1);

        FakeConnection(FakePen pen) {
            this.pen = pen;
        }

        @Override
        public String address() {
            return pen.address;
        }

        @Override
        public boolean isConnected() {
            return connected.get();
        }

        @Override
        public byte[] read(UUID service, UUID characteristic) throws BleException {
            ensureConnected();
            return pen.read(characteristic);
        }

        @Override
        public void write(UUID service, UUID characteristic, byte[] value) throws BleException {
            ensureConnected();
            pen.write(characteristic, value).forEach(n -> deliver(n.characteristic(), n.value()));
        }

        @Override
        public void subscribe(UUID service, UUID characteristic, Consumer<byte[]> onValue) throws BleException {
            ensureConnected();
            subscriptions.put(characteristic, onValue);
        }

        void deliver(UUID characteristic, byte[] value) {
            radio.execute(() -> {
                Consumer<byte[]> subscriber = subscriptions.get(characteristic);
                if (connected.get() && subscriber != null) {
                    subscriber.accept(value.clone());
                    if (io.needleguard.profile.PenProfile.SESSION_RECORD.equals(characteristic)
                            && recordsUntilDrop.get() > 0
                            && recordsUntilDrop.decrementAndGet() == 0) {
                        connections.remove(pen.address, this);
                        lost();
                    }
                }
            });
        }

        @Override
        public void onDisconnect(Runnable callback) {
            onDisconnect.add(callback);
        }

        void lost() {
            if (connected.compareAndSet(true, false)) {
                radio.execute(() -> onDisconnect.forEach(Runnable::run));
            }
        }

        @Override
        public void close() {
            connections.remove(pen.address, this);
            if (connected.compareAndSet(true, false)) {
                onDisconnect.forEach(Runnable::run);
            }
        }

        private void ensureConnected() throws BleException {
            if (!connected.get()) {
                throw new BleException(pen.serial + ": not connected");
            }
        }
    }
}
