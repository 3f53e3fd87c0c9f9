package io.needleguard.ble.dbus;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.ble.Deadline;
import io.needleguard.threads.DaemonThreads;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BLE port on BlueZ's D-Bus API, in pure Java (dbus-java): runs wherever Java and BlueZ do, 64-bit
 * ARM included. Nothing outside this package sees a dbus-java type.
 *
 * <p>It behaves as the TinyB adapter does, so the gateway cannot tell them apart: pens are found by
 * looking at BlueZ's devices once a second (a device that lists the pen service, has a signal
 * strength and is not connected is reported); a BlueZ that leaves the bus drops every link, and
 * discovery starts again when it is back; an adapter powered off is logged once with the fix; BlueZ
 * gone for longer than {@code bluez-gone-exit-seconds} is reported as a failure so that the service
 * manager restarts needleguard. Unlike TinyB, the D-Bus connection follows BlueZ across restarts on its
 * own, so that last step is rarely needed; it is kept for an adapter that stays unplugged.
 */
final class DbusBackend implements BleBackend {

    private static final Logger log = LoggerFactory.getLogger(DbusBackend.class);
    static final Duration CALL_TIMEOUT = BluezObjects.CALL_TIMEOUT;
    static final Duration SCAN_EVERY = Duration.ofSeconds(1);
    static final Duration ADAPTER_WAIT = Duration.ofSeconds(10);
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    private final String adapterName;
    private final String adapterPath;
    private final Duration giveUpAfter;
    private final BlockingCalls calls;
    private final BluezObjects bluez;
    private final ScheduledExecutorService scanner = DaemonThreads.scheduler("bluez-dbus-scan");
    private final Map<String, DbusConnection> open = new ConcurrentHashMap<>();
    private final List<Consumer<BleException>> fatal = new CopyOnWriteArrayList<>();
    private volatile ScheduledFuture<?> scan;
    private volatile long goneSinceNanos;
    private volatile boolean poweredOff;
    private volatile boolean failed;

    private DbusBackend(String adapterName, Duration giveUpAfter, BlockingCalls calls, BluezObjects bluez) {
        this.adapterName = adapterName;
        this.adapterPath = "/org/bluez/" + adapterName;
        this.giveUpAfter = giveUpAfter;
        this.calls = calls;
        this.bluez = bluez;
        bluez.onBluezGone(this::blueZGone);
    }

    static DbusBackend open(String adapterName, Duration giveUpAfter) throws BleException {
        BlockingCalls calls = new BlockingCalls("bluez-dbus", 4, DbusProblems::describe);
        BluezObjects bluez;
        try {
            bluez = BluezObjects.connect(calls);
        } catch (BleException e) {
            calls.close();
            throw e;
        }
        try {
            String path = "/org/bluez/" + adapterName;
            // BlueZ announces its adapter a moment after taking its bus name (at boot, after a restart).
            Deadline deadline = Deadline.after(ADAPTER_WAIT);
            boolean running = bluez.refresh();
            while ((!running || bluez.properties(path, BluezApi.ADAPTER).isEmpty()) && !deadline.passed()) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                running = bluez.refresh();
            }
            if (!running) {
                throw new BleException("BlueZ is not running (no org.bluez on the system bus); start it with "
                        + "'sudo systemctl start bluetooth' and check 'bluetoothctl list'");
            }
            Optional<Map<String, Object>> adapter = bluez.properties(path, BluezApi.ADAPTER);
            if (adapter.isEmpty()) {
                throw new BleException("no Bluetooth adapter " + adapterName + " (BlueZ sees " + adapterNames(bluez)
                        + "); check 'bluetoothctl list', or set ble.options.adapter");
            }
            if (!Boolean.TRUE.equals(adapter.get().get("Powered"))) {
                throw new BleException("the Bluetooth adapter " + adapterName + " is powered off; turn it on with "
                        + "'bluetoothctl power on' (and check 'rfkill list' if it will not)");
            }
            return new DbusBackend(adapterName, giveUpAfter, calls, bluez);
        } catch (BleException | RuntimeException e) {
            bluez.close();
            calls.close();
            throw e;
        }
    }

    static String adapterNames(BluezObjects bluez) {
        Collection<String> paths = bluez.all(BluezApi.ADAPTER).keySet();
        return paths.isEmpty()
                ? "none"
                : paths.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).collect(Collectors.joining(", "));
    }

    @Override
    public String name() {
        return "dbus (" + adapterName + ")";
    }

    @Override
    public void onFailure(Consumer<BleException> onFailure) {
        fatal.add(onFailure);
    }

    @Override
    public void startScan(UUID service, Consumer<Advertisement> onDevice) throws BleException {
        startDiscovery();
        scan = scanner.scheduleWithFixedDelay(
                () -> scanOnce(service, onDevice), 0, SCAN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startDiscovery() throws BleException {
        BluezApi.Adapter1 adapter = proxy(adapterPath, BluezApi.Adapter1.class);
        calls.run(adapterName + ": start discovery", CALL_TIMEOUT, adapter::StartDiscovery);
    }

    /** One look at the devices BlueZ knows: pens in range are reported; a vanished adapter is noticed. */
    private void scanOnce(UUID service, Consumer<Advertisement> onDevice) {
        try {
            boolean running = bluez.refresh();
            Optional<Map<String, Object>> adapter =
                    running ? bluez.properties(adapterPath, BluezApi.ADAPTER) : Optional.empty();
            if (adapter.isEmpty()) {
                blueZGone();
                return;
            }
            if (goneSinceNanos != 0) {
                blueZBack();
            }
            if (!powered(Boolean.TRUE.equals(adapter.get().get("Powered")))) {
                return;
            }
            for (Map<String, Object> device : bluez.all(BluezApi.DEVICE).values()) {
                if (!adapterPath.equals(path(device.get("Adapter")))) {
                    continue;
                }
                Set<UUID> services = uuids(device.get("UUIDs"));
                // No RSSI: BlueZ keeps a paired device it no longer hears; there is nothing to connect to.
                if (services.contains(service)
                        && device.get("RSSI") instanceof Short rssi
                        && rssi != 0
                        && !Boolean.TRUE.equals(device.get("Connected"))
                        && device.get("Address") instanceof String address) {
                    onDevice.accept(new Advertisement(
                            address, device.get("Name") instanceof String n ? n : "", rssi, services));
                }
            }
        } catch (BleException | RuntimeException e) {
            log.debug("scanning: {}", e.getMessage());
        }
    }

    private boolean powered(boolean on) throws BleException {
        if (!on && !poweredOff) {
            poweredOff = true;
            log.warn(
                    "the Bluetooth adapter {} was powered off; pens cannot connect until it is on again: bluetoothctl power on "
                            + "(and 'rfkill list' if it will not)",
                    adapterName);
            dropConnections();
        } else if (on && poweredOff) {
            poweredOff = false;
            startDiscovery();
            log.info("the Bluetooth adapter {} is on again; discovering pens", adapterName);
        }
        return on;
    }

    private void dropConnections() {
        List<DbusConnection> all = List.copyOf(open.values());
        open.clear();
        all.forEach(DbusConnection::lost);
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
            BleException e = new BleException("BlueZ's adapter " + adapterName + " has been gone for "
                    + giveUpAfter.toSeconds()
                    + " s (is bluetoothd running? is the adapter plugged in?); exiting so that the service manager "
                    + "restarts needleguard (systemd: Restart=on-failure)");
            fatal.forEach(f -> f.accept(e));
        }
    }

    private void blueZBack() throws BleException {
        goneSinceNanos = 0;
        poweredOff = false;
        startDiscovery();
        log.info("BlueZ's adapter {} is back; discovering pens again", adapterName);
    }

    static Set<UUID> uuids(Object value) {
        if (!(value instanceof List<?> list)) {
            return Set.of();
        }
        return list.stream()
                .map(u -> {
                    try {
                        return UUID.fromString(String.valueOf(u));
                    } catch (IllegalArgumentException notAUuid) {
                        return null;
                    }
                })
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** An object path property (type {@code o}) as text. */
    static String path(Object value) {
        if (value instanceof org.freedesktop.dbus.DBusPath p) {
            return p.getPath();
        }
        return value == null ? null : value.toString();
    }

    @Override
    public void stopScan() {
        ScheduledFuture<?> s = scan;
        if (s != null) {
            s.cancel(false);
            scan = null;
        }
        try {
            BluezApi.Adapter1 adapter = proxy(adapterPath, BluezApi.Adapter1.class);
            calls.run(adapterName + ": stop discovery", CALL_TIMEOUT, adapter::StopDiscovery);
        } catch (BleException e) {
            log.debug("stopping discovery: {}", e.getMessage());
        }
    }

    /**
     * BlueZ keeps a link after the process that made it dies (a gateway killed with SIGKILL): such a pen
     * stays connected, does not advertise, and would never be connected again. Ends those links, so the
     * pens advertise and are connected afresh.
     */
    @Override
    public void releaseLeftoverConnections(UUID service) throws BleException {
        bluez.refresh();
        for (Map.Entry<String, Map<String, Object>> e :
                bluez.all(BluezApi.DEVICE).entrySet()) {
            Map<String, Object> device = e.getValue();
            if (adapterPath.equals(path(device.get("Adapter")))
                    && uuids(device.get("UUIDs")).contains(service)
                    && Boolean.TRUE.equals(device.get("Connected"))
                    && device.get("Address") instanceof String address
                    && !open.containsKey(address)) {
                log.info("pen at {} was still connected from before this gateway started; reconnecting it", address);
                BluezApi.Device1 remote = proxy(e.getKey(), BluezApi.Device1.class);
                calls.run(address + ": disconnect a leftover link", CALL_TIMEOUT, remote::Disconnect);
            }
        }
    }

    @Override
    public BleConnection connect(String address, Duration timeout) throws BleException {
        Deadline deadline = Deadline.after(timeout);
        String device = device(address, deadline);
        BluezApi.Device1 remote = proxy(device, BluezApi.Device1.class);
        calls.run(address + ": connect", deadline.remaining(), remote::Connect);
        try {
            while (!bluez.flag(device, BluezApi.DEVICE, "ServicesResolved")) {
                deadline.pause(address + ": services were not resolved in time");
            }
            DbusConnection connection =
                    new DbusConnection(address, device, characteristics(device), bluez, calls, CALL_TIMEOUT);
            open.put(address, connection);
            connection.onDisconnect(() -> {
                open.remove(address, connection);
                bluez.unwatch(device);
            });
            bluez.watchLink(device, connection::lost);
            if (!bluez.flag(device, BluezApi.DEVICE, "Connected")) {
                // It dropped before we watched it.
                connection.lost();
                throw new BleException(address + ": the connection dropped right after it was made");
            }
            return connection;
        } catch (BleException | RuntimeException e) {
            try {
                calls.run(address + ": disconnect after a failed connection", CALL_TIMEOUT, remote::Disconnect);
            } catch (BleException ignored) {
                log.debug("disconnecting {} after a failed connection: {}", address, ignored.getMessage());
            }
            throw e;
        }
    }

    @Override
    public void pair(String address, Duration timeout) throws BleException {
        Deadline deadline = Deadline.after(timeout);
        String device = device(address, deadline);
        if (bluez.flag(device, BluezApi.DEVICE, "Paired")) {
            return;
        }
        BluezApi.Device1 remote = proxy(device, BluezApi.Device1.class);
        try {
            calls.run(address + ": pair", deadline.remaining(), remote::Pair);
        } catch (BleException e) {
            if (e.getCause() == null || !DbusProblems.alreadyDone(e.getCause())) {
                throw e;
            }
        }
    }

    /** The object path of the device with this address on our adapter, looked for until the deadline. */
    private String device(String address, Deadline deadline) throws BleException {
        while (true) {
            bluez.refresh();
            for (Map.Entry<String, Map<String, Object>> d :
                    bluez.all(BluezApi.DEVICE).entrySet()) {
                if (adapterPath.equals(path(d.getValue().get("Adapter")))
                        && address.equalsIgnoreCase(String.valueOf(d.getValue().get("Address")))) {
                    return d.getKey();
                }
            }
            deadline.pause("no device " + address + " in range");
        }
    }

    /** The device's characteristics by service and characteristic UUID (lower case), as BlueZ resolved them. */
    private Map<String, Map<String, String>> characteristics(String device) {
        Map<String, String> serviceUuids = new HashMap<>();
        bluez.all(BluezApi.SERVICE).forEach((path, properties) -> {
            if (path.startsWith(device + "/") && properties.get("UUID") instanceof String uuid) {
                serviceUuids.put(path, uuid.toLowerCase(Locale.ROOT));
            }
        });
        Map<String, Map<String, String>> all = new HashMap<>();
        bluez.all(BluezApi.CHARACTERISTIC).forEach((path, properties) -> {
            String service = serviceUuids.get(path(properties.get("Service")));
            if (service != null && properties.get("UUID") instanceof String uuid) {
                all.computeIfAbsent(service, s -> new HashMap<>()).put(uuid.toLowerCase(Locale.ROOT), path);
            }
        });
        return all;
    }

    private <T extends org.freedesktop.dbus.interfaces.DBusInterface> T proxy(String path, Class<T> type)
            throws BleException {
        try {
            return bluez.remote(path, type);
        } catch (org.freedesktop.dbus.exceptions.DBusException e) {
            throw new BleException(path + ": " + DbusProblems.describe(e), e);
        }
    }

    @Override
    public void close() {
        stopScan();
        List.copyOf(open.values()).forEach(DbusConnection::close);
        scanner.shutdownNow();
        bluez.close();
        calls.close();
    }
}
