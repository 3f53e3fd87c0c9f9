package io.needleguard.ble.tinyb;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.ble.Deadline;
import io.needleguard.threads.DaemonThreads;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tinyb.BluetoothAdapter;
import tinyb.BluetoothDevice;
import tinyb.BluetoothGattCharacteristic;
import tinyb.BluetoothGattService;
import tinyb.BluetoothManager;

/**
 * The BLE port on BlueZ through TinyB (src/docs and /shared/reference/tinyb-on-simulated-bluez.md).
 * Nothing outside this package sees a {@code tinyb} type.
 *
 * <p>TinyB's traps, avoided on purpose: {@code find} with a timeout on an object that does not exist
 * yet can crash the JVM, so devices and services are found by polling lists; the manager's
 * {@code stopDiscovery} starts discovery, so the adapter's is used; a characteristic's cached value
 * throws when empty, so values are read, never taken from the cache. A BlueZ that restarts takes its
 * objects with it: the backend notices its adapter vanish, drops every connection (the pens reconnect
 * when they are seen again), and picks up the adapter when BlueZ is back.
 */
final class TinybBackend implements BleBackend {

    private static final Logger log = LoggerFactory.getLogger(TinybBackend.class);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration SCAN_EVERY = Duration.ofSeconds(1);
    static final Duration ADAPTER_WAIT = Duration.ofSeconds(10);
    /** BlueZ gone this long without coming back: in-process recovery failed; let the service manager restart us. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    private final String adapterName;
    private final Duration giveUpAfter;
    private final BlockingCalls calls = new BlockingCalls("tinyb", 4, TinybProblems::describe);
    private final ScheduledExecutorService scanner = DaemonThreads.scheduler("tinyb-scan");
    private final BluetoothManager manager;
    private final Map<String, TinybConnection> open = new ConcurrentHashMap<>();
    private final List<Consumer<BleException>> fatal = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile BluetoothAdapter adapter;
    private volatile ScheduledFuture<?> scan;
    private volatile long goneSinceNanos;
    private volatile boolean poweredOff;
    private volatile boolean failed;

    private TinybBackend(String adapterName, Duration giveUpAfter, BluetoothManager manager, BluetoothAdapter adapter) {
        this.adapterName = adapterName;
        this.giveUpAfter = giveUpAfter;
        this.manager = manager;
        this.adapter = adapter;
    }

    static TinybBackend open(String adapterName, Duration giveUpAfter) throws BleException {
        TinybNatives.load();
        BlockingCalls startup = new BlockingCalls("tinyb", 1, TinybProblems::describe);
        try {
            BluetoothManager manager =
                    startup.call("connecting to BlueZ", CALL_TIMEOUT, BluetoothManager::getBluetoothManager);
            // BlueZ announces its adapter a moment after taking its bus name (at boot, after a restart).
            Deadline deadline = Deadline.after(ADAPTER_WAIT);
            Optional<BluetoothAdapter> found = findAdapter(manager, adapterName, startup);
            while (found.isEmpty() && !deadline.passed()) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                found = findAdapter(manager, adapterName, startup);
            }
            if (found.isEmpty()) {
                throw new BleException("no Bluetooth adapter " + adapterName + " (BlueZ sees "
                        + adapterNames(manager, startup) + "); check 'bluetoothctl list', or set ble.options.adapter");
            }
            BluetoothAdapter adapter = found.get();
            boolean powered = startup.call(adapterName + ": is it powered", CALL_TIMEOUT, adapter::getPowered);
            if (!powered) {
                throw new BleException("the Bluetooth adapter " + adapterName + " is powered off; turn it on with "
                        + "'bluetoothctl power on' (and check 'rfkill list' if it will not)");
            }
            return new TinybBackend(adapterName, giveUpAfter, manager, adapter);
        } finally {
            startup.close();
        }
    }

    private static Optional<BluetoothAdapter> findAdapter(BluetoothManager manager, String name, BlockingCalls calls)
            throws BleException {
        List<BluetoothAdapter> adapters = calls.call("listing adapters", CALL_TIMEOUT, manager::getAdapters);
        return adapters.stream().filter(a -> name.equals(a.getInterfaceName())).findFirst();
    }

    private static String adapterNames(BluetoothManager manager, BlockingCalls calls) throws BleException {
        List<BluetoothAdapter> adapters = calls.call("listing adapters", CALL_TIMEOUT, manager::getAdapters);
        return adapters.isEmpty()
                ? "none"
                : adapters.stream().map(BluetoothAdapter::getInterfaceName).collect(Collectors.joining(", "));
    }

    @Override
    public String name() {
        return "tinyb (" + adapterName + ")";
    }

    @Override
    public void onFailure(Consumer<BleException> onFailure) {
        fatal.add(onFailure);
    }

    @Override
    public void startScan(UUID service, Consumer<Advertisement> onDevice) throws BleException {
        BluetoothAdapter a = adapter;
        calls.call(adapterName + ": start discovery", CALL_TIMEOUT, a::startDiscovery);
        scan = scanner.scheduleWithFixedDelay(
                () -> scanOnce(service, onDevice), 0, SCAN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * BlueZ keeps a link after the program that made it dies: a gateway killed while a pen was
     * connected finds that pen still connected, and a connected pen does not advertise, so it would
     * never be seen again until it left range. Such links are ended; the pens advertise again, are
     * connected anew and sync what they kept meanwhile.
     */
    @Override
    public void releaseLeftoverConnections(UUID service) {
        BluetoothAdapter a = adapter;
        try {
            for (BluetoothDevice d : calls.call(adapterName + ": list devices", CALL_TIMEOUT, a::getDevices)) {
                if (uuids(d.getUUIDs()).contains(service) && d.getConnected() && !open.containsKey(d.getAddress())) {
                    log.info(
                            "pen at {} was still connected from before this gateway started; reconnecting it",
                            d.getAddress());
                    calls.call(d.getAddress() + ": disconnect a leftover link", CALL_TIMEOUT, d::disconnect);
                }
            }
        } catch (BleException e) {
            log.warn("could not look for pens still connected from before: {}", e.getMessage());
        }
    }

    /** One look at the devices BlueZ knows: pens in range are reported; a vanished adapter is noticed. */
    private void scanOnce(UUID service, Consumer<Advertisement> onDevice) {
        try {
            Optional<BluetoothAdapter> current = findAdapter(manager, adapterName, calls);
            if (current.isEmpty()) {
                blueZGone();
                return;
            }
            if (goneSinceNanos != 0) {
                blueZBack(current.get());
            }
            if (!powered(current.get())) {
                return;
            }
            List<BluetoothDevice> devices =
                    calls.call(adapterName + ": list devices", CALL_TIMEOUT, adapter::getDevices);
            for (BluetoothDevice d : devices) {
                Set<UUID> services = uuids(d.getUUIDs());
                short rssi = d.getRSSI();
                // No RSSI: BlueZ keeps a paired device it no longer hears; there is nothing to connect to.
                if (services.contains(service) && rssi != 0 && !d.getConnected()) {
                    onDevice.accept(new Advertisement(
                            d.getAddress(), Optional.ofNullable(d.getName()).orElse(""), rssi, services));
                }
            }
        } catch (BleException | RuntimeException e) {
            log.debug("scanning: {}", e.getMessage());
        }
    }

    /** Whether the adapter is on; a change either way is logged once, and discovery resumes when it is back on. */
    private boolean powered(BluetoothAdapter current) throws BleException {
        boolean on = calls.call(adapterName + ": is it powered", CALL_TIMEOUT, current::getPowered);
        if (!on && !poweredOff) {
            poweredOff = true;
            log.warn(
                    "the Bluetooth adapter {} was powered off; pens cannot connect until it is on again: bluetoothctl power on "
                            + "(and 'rfkill list' if it will not)",
                    adapterName);
            dropConnections();
        } else if (on && poweredOff) {
            poweredOff = false;
            calls.call(adapterName + ": start discovery", CALL_TIMEOUT, current::startDiscovery);
            log.info("the Bluetooth adapter {} is on again; discovering pens", adapterName);
        }
        return on;
    }

    private void dropConnections() {
        open.values().forEach(TinybConnection::lost);
        open.clear();
    }

    private void blueZGone() {
        if (goneSinceNanos == 0) {
            goneSinceNanos = System.nanoTime();
            log.warn(
                    "BlueZ's adapter {} went away (bluetoothd restarted?); the pens are disconnected and reconnect when it is back",
                    adapterName);
            dropConnections();
        } else if (!failed && System.nanoTime() - goneSinceNanos > giveUpAfter.toNanos()) {
            failed = true;
            BleException e =
                    new BleException("BlueZ's adapter " + adapterName + " has been gone for " + giveUpAfter.toSeconds()
                            + " s and TinyB cannot recover it in this process (is bluetoothd running? is the adapter plugged in?); "
                            + "exiting so that the service manager restarts needleguard (systemd: Restart=on-failure)");
            fatal.forEach(f -> f.accept(e));
        }
    }

    private void blueZBack(BluetoothAdapter current) throws BleException {
        goneSinceNanos = 0;
        adapter = current;
        calls.call(adapterName + ": start discovery", CALL_TIMEOUT, current::startDiscovery);
        log.info("BlueZ's adapter {} is back; discovering pens again", adapterName);
    }

    static Set<UUID> uuids(String[] uuids) {
        return uuids == null
                ? Set.of()
                : Arrays.stream(uuids)
                        .map(u -> {
                            try {
                                return UUID.fromString(u);
                            } catch (IllegalArgumentException notAUuid) {
                                return null;
                            }
                        })
                        .filter(java.util.Objects::nonNull)
                        .collect(Collectors.toSet());
    }

    @Override
    public void stopScan() {
        ScheduledFuture<?> s = scan;
        if (s != null) {
            s.cancel(false);
            scan = null;
        }
        try {
            // The adapter's stopDiscovery: the manager's starts discovery instead (a TinyB bug).
            BluetoothAdapter a = adapter;
            calls.call(adapterName + ": stop discovery", CALL_TIMEOUT, a::stopDiscovery);
        } catch (BleException e) {
            log.debug("stopping discovery: {}", e.getMessage());
        }
    }

    @Override
    public BleConnection connect(String address, Duration timeout) throws BleException {
        Deadline deadline = Deadline.after(timeout);
        BluetoothDevice device = device(address, deadline);
        boolean connected = calls.call(address + ": connect", deadline.remaining(), device::connect);
        if (!connected) {
            throw new BleException(address + ": BlueZ could not connect");
        }
        try {
            while (!calls.call(address + ": services resolved?", deadline.remaining(), device::getServicesResolved)) {
                deadline.pause(address + ": services were not resolved in time");
            }
            TinybConnection connection = new TinybConnection(
                    device, address, characteristics(device, address, deadline), calls, CALL_TIMEOUT);
            connection.watchConnection();
            open.put(address, connection);
            connection.onDisconnect(() -> open.remove(address, connection));
            return connection;
        } catch (BleException | RuntimeException e) {
            calls.call(address + ": disconnect after a failed connection", CALL_TIMEOUT, device::disconnect);
            throw e;
        }
    }

    @Override
    public void pair(String address, Duration timeout) throws BleException {
        Deadline deadline = Deadline.after(timeout);
        BluetoothDevice device = device(address, deadline);
        if (calls.call(address + ": paired?", deadline.remaining(), device::getPaired)) {
            return;
        }
        try {
            calls.call(address + ": pair", deadline.remaining(), device::pair);
        } catch (BleException e) {
            if (!String.valueOf(e.getMessage()).contains("AlreadyExists")) {
                throw e;
            }
        }
    }

    /** The device with this address, polled for (never {@code find} with a timeout: it can crash the JVM). */
    private BluetoothDevice device(String address, Deadline deadline) throws BleException {
        while (true) {
            BluetoothAdapter a = adapter;
            List<BluetoothDevice> devices =
                    calls.call(adapterName + ": list devices", deadline.remaining(), a::getDevices);
            for (BluetoothDevice d : devices) {
                if (address.equalsIgnoreCase(d.getAddress())) {
                    return d;
                }
            }
            deadline.pause("no device " + address + " in range");
        }
    }

    private Map<String, Map<String, BluetoothGattCharacteristic>> characteristics(
            BluetoothDevice device, String address, Deadline deadline) throws BleException {
        List<BluetoothGattService> services =
                calls.call(address + ": list services", deadline.remaining(), device::getServices);
        Map<String, Map<String, BluetoothGattCharacteristic>> all = new HashMap<>();
        for (BluetoothGattService service : services) {
            Map<String, BluetoothGattCharacteristic> byUuid = new HashMap<>();
            for (BluetoothGattCharacteristic c :
                    calls.call(address + ": list characteristics", deadline.remaining(), service::getCharacteristics)) {
                byUuid.put(c.getUUID().toLowerCase(Locale.ROOT), c);
            }
            all.put(service.getUUID().toLowerCase(Locale.ROOT), byUuid);
        }
        return all;
    }

    @Override
    public void close() {
        stopScan();
        open.values().forEach(TinybConnection::close);
        scanner.shutdownNow();
        calls.close();
    }
}
