package io.needleguard.ble.dbus;

import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.freedesktop.dbus.exceptions.DBusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GATT connection through BlueZ's D-Bus API. Notifications arrive as {@code PropertiesChanged} of a
 * characteristic's {@code Value} on dbus-java's signal thread, in order, and are only handed on.
 */
final class DbusConnection implements BleConnection {

    private static final Logger log = LoggerFactory.getLogger(DbusConnection.class);

    private final String address;
    private final String device;
    /** Characteristic object paths by service and characteristic UUID, lower case as BlueZ writes them. */
    private final Map<String, Map<String, String>> characteristics;

    private final BluezObjects bluez;
    private final BlockingCalls calls;
    private final Duration timeout;
    private final List<Runnable> onDisconnect = new CopyOnWriteArrayList<>();
    private final AtomicBoolean disconnected = new AtomicBoolean();

    DbusConnection(
            String address,
            String device,
            Map<String, Map<String, String>> characteristics,
            BluezObjects bluez,
            BlockingCalls calls,
            Duration timeout) {
        this.address = address;
        this.device = device;
        this.characteristics = characteristics;
        this.bluez = bluez;
        this.calls = calls;
        this.timeout = timeout;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean isConnected() {
        return !disconnected.get();
    }

    private BluezApi.GattCharacteristic1 characteristic(UUID service, UUID characteristic) throws BleException {
        String path = path(service, characteristic);
        try {
            return bluez.remote(path, BluezApi.GattCharacteristic1.class);
        } catch (DBusException e) {
            throw new BleException(address + ": " + DbusProblems.describe(e), e);
        }
    }

    private String path(UUID service, UUID characteristic) throws BleException {
        Map<String, String> inService = characteristics.get(service.toString().toLowerCase(Locale.ROOT));
        String found = inService == null
                ? null
                : inService.get(characteristic.toString().toLowerCase(Locale.ROOT));
        if (found == null) {
            throw new BleException(address + " has no characteristic " + characteristic + " in service " + service
                    + "; is it a needleguard pen?");
        }
        return found;
    }

    @Override
    public byte[] read(UUID service, UUID characteristic) throws BleException {
        BluezApi.GattCharacteristic1 c = characteristic(service, characteristic);
        return calls.call(address + ": read " + characteristic, timeout, () -> c.ReadValue(Map.of()));
    }

    @Override
    public void write(UUID service, UUID characteristic, byte[] value) throws BleException {
        BluezApi.GattCharacteristic1 c = characteristic(service, characteristic);
        byte[] copy = value.clone();
        calls.run(address + ": write " + characteristic, timeout, () -> c.WriteValue(copy, Map.of()));
    }

    @Override
    public void subscribe(UUID service, UUID characteristic, Consumer<byte[]> onValue) throws BleException {
        String path = path(service, characteristic);
        BluezApi.GattCharacteristic1 c = characteristic(service, characteristic);
        // Watch first: BlueZ may deliver a value as soon as notifications are on.
        bluez.watchValue(path, onValue);
        calls.run(address + ": subscribe to " + characteristic, timeout, c::StartNotify);
    }

    @Override
    public void onDisconnect(Runnable callback) {
        onDisconnect.add(callback);
    }

    /** The link is gone (the pen left, the adapter went off, BlueZ restarted): say so once. */
    void lost() {
        if (disconnected.compareAndSet(false, true)) {
            onDisconnect.forEach(Runnable::run);
        }
    }

    @Override
    public void close() {
        if (disconnected.get()) {
            return;
        }
        try {
            BluezApi.Device1 remote = bluez.remote(device, BluezApi.Device1.class);
            calls.run(address + ": disconnect", timeout, remote::Disconnect);
        } catch (BleException | DBusException e) {
            log.debug("disconnecting {}: {}", address, e.getMessage());
        }
        lost();
    }
}
