package io.needleguard.ble.dbus;

import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.ble.Deadline;
import io.needleguard.ble.bluez.BluezBackend;
import io.needleguard.ble.bluez.BluezOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * The BLE port on BlueZ's D-Bus API, in pure Java (dbus-java): runs wherever Java and BlueZ do, 64-bit
 * ARM included. How it behaves is {@link BluezBackend}'s, as TinyB's adapter does, so the gateway
 * cannot tell them apart; this class reads BlueZ's objects from their mirror ({@link BluezObjects}) and
 * calls BlueZ's methods. Nothing outside this package sees a dbus-java type.
 *
 * <p>Unlike TinyB, the D-Bus connection follows BlueZ across restarts on its own, so giving up after
 * {@code bluez-gone-exit-seconds} is rarely needed; it is kept for an adapter that stays unplugged.
 * BlueZ leaving the bus is heard at once (its name changes owner), not only at the next look.
 */
final class DbusBackend extends BluezBackend<String, DbusConnection> {

    private final String adapterPath;
    private final BluezObjects bluez;

    private DbusBackend(BluezOptions options, BlockingCalls calls, BluezObjects bluez) {
        super("dbus", "bluez-dbus", options, "", calls);
        this.adapterPath = adapterPath(options.adapter());
        this.bluez = bluez;
        bluez.watchers().onBluezGone(this::bluezGone);
    }

    private static String adapterPath(String adapterName) {
        return "/org/bluez/" + adapterName;
    }

    static DbusBackend open(BluezOptions options) throws BleException {
        BlockingCalls calls = new BlockingCalls("bluez-dbus", 4, DbusProblems::describe);
        BluezObjects bluez;
        try {
            bluez = BluezObjects.connect(calls);
        } catch (BleException e) {
            calls.close();
            throw e;
        }
        try {
            String name = options.adapter();
            Map<String, Object> adapter = awaitAdapter(
                    name,
                    () -> bluez.refresh() ? bluez.properties(adapterPath(name), BluezApi.ADAPTER) : Optional.empty(),
                    () -> {
                        if (!bluez.refresh()) {
                            throw new BleException("BlueZ is not running (no org.bluez on the system bus); start it"
                                    + " with 'sudo systemctl start bluetooth' and check 'bluetoothctl list'");
                        }
                        return adapterNames(bluez);
                    });
            requirePowered(name, Boolean.TRUE.equals(adapter.get("Powered")));
            return new DbusBackend(options, calls, bluez);
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

    /** An object path property (type {@code o}) as text. */
    static String path(Object value) {
        if (value instanceof DBusPath p) {
            return p.getPath();
        }
        return value == null ? null : value.toString();
    }

    @Override
    protected Optional<Boolean> lookAtAdapter() throws BleException {
        boolean running = bluez.refresh();
        Optional<Map<String, Object>> adapter =
                running ? bluez.properties(adapterPath, BluezApi.ADAPTER) : Optional.empty();
        return adapter.map(a -> Boolean.TRUE.equals(a.get("Powered")));
    }

    @Override
    protected void startDiscovery() throws BleException {
        BluezApi.Adapter1 adapter = proxy(adapterPath, BluezApi.Adapter1.class);
        calls.run(adapterName + ": start discovery", CALL_TIMEOUT, adapter::StartDiscovery);
    }

    @Override
    protected void stopDiscovery() throws BleException {
        BluezApi.Adapter1 adapter = proxy(adapterPath, BluezApi.Adapter1.class);
        calls.run(adapterName + ": stop discovery", CALL_TIMEOUT, adapter::StopDiscovery);
    }

    /** From the mirror, read again only if BlueZ came back; the time limit is the mirror's own. */
    @Override
    protected List<Seen<String>> devices(Duration timeout) throws BleException {
        bluez.refresh();
        List<Seen<String>> seen = new ArrayList<>();
        bluez.all(BluezApi.DEVICE).forEach((path, device) -> {
            if (adapterPath.equals(path(device.get("Adapter"))) && device.get("Address") instanceof String address) {
                seen.add(new Seen<>(
                        path,
                        address,
                        device.get("Name") instanceof String n ? n : "",
                        device.get("RSSI") instanceof Short rssi ? rssi : 0,
                        uuids(device.get("UUIDs") instanceof List<?> uuids ? uuids : null),
                        Boolean.TRUE.equals(device.get("Connected"))));
            }
        });
        return seen;
    }

    @Override
    protected void connectDevice(String address, String device, Deadline deadline) throws BleException {
        BluezApi.Device1 remote = proxy(device, BluezApi.Device1.class);
        calls.run(address + ": connect", deadline.remaining(), remote::Connect);
    }

    @Override
    protected boolean servicesResolved(String address, String device, Deadline deadline) {
        return bluez.flag(device, BluezApi.DEVICE, "ServicesResolved");
    }

    /** The device's characteristics by service and characteristic UUID (lower case), as BlueZ resolved them. */
    @Override
    protected DbusConnection link(String address, String device, Deadline deadline) {
        Map<String, String> serviceUuids = new HashMap<>();
        bluez.all(BluezApi.SERVICE).forEach((path, properties) -> {
            if (path.startsWith(device + "/") && properties.get("UUID") instanceof String uuid) {
                serviceUuids.put(path, DbusConnection.key(uuid));
            }
        });
        Map<String, Map<String, String>> all = new HashMap<>();
        bluez.all(BluezApi.CHARACTERISTIC).forEach((path, properties) -> {
            String service = serviceUuids.get(path(properties.get("Service")));
            if (service != null && properties.get("UUID") instanceof String uuid) {
                all.computeIfAbsent(service, s -> new HashMap<>()).put(DbusConnection.key(uuid), path);
            }
        });
        return new DbusConnection(address, device, all, bluez, calls, CALL_TIMEOUT);
    }

    @Override
    protected void watch(DbusConnection connection, String device) throws BleException {
        connection.onDisconnect(() -> bluez.watchers().unwatch(device));
        bluez.watchers().watchLink(device, connection::lost);
        if (!bluez.flag(device, BluezApi.DEVICE, "Connected")) {
            // It dropped before we watched it.
            throw new BleException(connection.address() + ": the connection dropped right after it was made");
        }
    }

    @Override
    protected void disconnectDevice(String address, String device, String why, Duration timeout) throws BleException {
        BluezApi.Device1 remote = proxy(device, BluezApi.Device1.class);
        calls.run(address + ": " + why, timeout, remote::Disconnect);
    }

    @Override
    protected boolean paired(String address, String device, Deadline deadline) {
        return bluez.flag(device, BluezApi.DEVICE, "Paired");
    }

    @Override
    protected void pairDevice(String address, String device, Deadline deadline) throws BleException {
        BluezApi.Device1 remote = proxy(device, BluezApi.Device1.class);
        calls.run(address + ": pair", deadline.remaining(), remote::Pair);
    }

    @Override
    protected boolean alreadyPaired(BleException e) {
        return e.getCause() != null && DbusProblems.alreadyDone(e.getCause());
    }

    private <T extends DBusInterface> T proxy(String path, Class<T> type) throws BleException {
        try {
            return bluez.remote(path, type);
        } catch (DBusException e) {
            throw new BleException(path + ": " + DbusProblems.describe(e), e);
        }
    }

    @Override
    public void close() {
        super.close();
        bluez.close();
    }
}
