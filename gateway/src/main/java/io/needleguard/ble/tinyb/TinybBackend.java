package io.needleguard.ble.tinyb;

import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.ble.Deadline;
import io.needleguard.ble.bluez.BluezBackend;
import io.needleguard.ble.bluez.BluezOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tinyb.BluetoothAdapter;
import tinyb.BluetoothDevice;
import tinyb.BluetoothGattCharacteristic;
import tinyb.BluetoothGattService;
import tinyb.BluetoothManager;

/**
 * The BLE port on BlueZ through TinyB (src/docs and /shared/reference/tinyb-on-simulated-bluez.md):
 * how it behaves is {@link BluezBackend}'s; this class makes TinyB's calls. Nothing outside this
 * package sees a {@code tinyb} type.
 *
 * <p>TinyB's traps, avoided on purpose: {@code find} with a timeout on an object that does not exist
 * yet can crash the JVM, so devices and services are found by polling lists; the manager's
 * {@code stopDiscovery} starts discovery, so the adapter's is used; a characteristic's cached value
 * throws when empty, so values are read, never taken from the cache. A BlueZ that restarts takes its
 * objects with it: the backend notices its adapter vanish, drops every connection (the pens reconnect
 * when they are seen again), and picks up the adapter when BlueZ is back. TinyB keeps one bus
 * connection per process and cannot follow a BlueZ that stays away: then the service manager restarts
 * us.
 */
final class TinybBackend extends BluezBackend<BluetoothDevice, TinybConnection> {

    private final BluetoothManager manager;
    private volatile BluetoothAdapter adapter;
    /** The adapter as the scanner last found it: taken up when BlueZ is back. */
    private volatile BluetoothAdapter lastSeen;

    private TinybBackend(BluezOptions options, BluetoothManager manager, BluetoothAdapter adapter) {
        super(
                "tinyb",
                "tinyb",
                options,
                " and TinyB cannot recover it in this process",
                new BlockingCalls("tinyb", 4, TinybProblems::describe));
        this.manager = manager;
        this.adapter = adapter;
        this.lastSeen = adapter;
    }

    static TinybBackend open(BluezOptions options) throws BleException {
        TinybNatives.load();
        String name = options.adapter();
        try (BlockingCalls startup = new BlockingCalls("tinyb", 1, TinybProblems::describe)) {
            BluetoothManager manager =
                    startup.call("connecting to BlueZ", CALL_TIMEOUT, BluetoothManager::getBluetoothManager);
            BluetoothAdapter adapter =
                    awaitAdapter(name, () -> findAdapter(manager, name, startup), () -> adapterNames(manager, startup));
            requirePowered(name, startup.call(name + ": is it powered", CALL_TIMEOUT, adapter::getPowered));
            return new TinybBackend(options, manager, adapter);
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
    protected Optional<Boolean> lookAtAdapter() throws BleException {
        Optional<BluetoothAdapter> current = findAdapter(manager, adapterName, calls);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        BluetoothAdapter a = current.get();
        lastSeen = a;
        return Optional.of(calls.call(adapterName + ": is it powered", CALL_TIMEOUT, a::getPowered));
    }

    @Override
    protected void adapterBack() {
        adapter = lastSeen;
    }

    @Override
    protected void startDiscovery() throws BleException {
        BluetoothAdapter a = adapter;
        calls.call(adapterName + ": start discovery", CALL_TIMEOUT, a::startDiscovery);
    }

    @Override
    protected void stopDiscovery() throws BleException {
        // The adapter's stopDiscovery: the manager's starts discovery instead (a TinyB bug).
        BluetoothAdapter a = adapter;
        calls.call(adapterName + ": stop discovery", CALL_TIMEOUT, a::stopDiscovery);
    }

    /** Listed, never found with {@code find} and a timeout: that can crash the JVM. */
    @Override
    protected List<Seen<BluetoothDevice>> devices(Duration timeout) throws BleException {
        BluetoothAdapter a = adapter;
        return calls.call(adapterName + ": list devices", timeout, a::getDevices).stream()
                .map(d -> new Seen<>(
                        d,
                        d.getAddress(),
                        d.getName(),
                        d.getRSSI(),
                        uuids(d.getUUIDs() == null ? null : Arrays.asList(d.getUUIDs())),
                        d.getConnected()))
                .toList();
    }

    @Override
    protected void connectDevice(String address, BluetoothDevice device, Deadline deadline) throws BleException {
        if (!calls.call(address + ": connect", deadline.remaining(), device::connect)) {
            throw new BleException(address + ": BlueZ could not connect");
        }
    }

    @Override
    protected boolean servicesResolved(String address, BluetoothDevice device, Deadline deadline) throws BleException {
        return calls.call(address + ": services resolved?", deadline.remaining(), device::getServicesResolved);
    }

    @Override
    protected TinybConnection link(String address, BluetoothDevice device, Deadline deadline) throws BleException {
        List<BluetoothGattService> services =
                calls.call(address + ": list services", deadline.remaining(), device::getServices);
        Map<String, Map<String, BluetoothGattCharacteristic>> all = new HashMap<>();
        for (BluetoothGattService service : services) {
            Map<String, BluetoothGattCharacteristic> byUuid = new HashMap<>();
            for (BluetoothGattCharacteristic c :
                    calls.call(address + ": list characteristics", deadline.remaining(), service::getCharacteristics)) {
                byUuid.put(TinybConnection.key(c.getUUID()), c);
            }
            all.put(TinybConnection.key(service.getUUID()), byUuid);
        }
        return new TinybConnection(device, address, all, calls, CALL_TIMEOUT);
    }

    @Override
    protected void watch(TinybConnection connection, BluetoothDevice device) throws BleException {
        connection.watchConnection();
    }

    @Override
    protected void disconnectDevice(String address, BluetoothDevice device, String why, Duration timeout)
            throws BleException {
        calls.call(address + ": " + why, timeout, device::disconnect);
    }

    @Override
    protected boolean paired(String address, BluetoothDevice device, Deadline deadline) throws BleException {
        return calls.call(address + ": paired?", deadline.remaining(), device::getPaired);
    }

    @Override
    protected void pairDevice(String address, BluetoothDevice device, Deadline deadline) throws BleException {
        calls.call(address + ": pair", deadline.remaining(), device::pair);
    }

    @Override
    protected boolean alreadyPaired(BleException e) {
        return String.valueOf(e.getMessage()).contains("AlreadyExists");
    }
}
