package io.needleguard.ble.dbus;

import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.ble.bluez.BluezConnection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * A GATT connection through BlueZ's D-Bus API; its characteristics are BlueZ's object paths.
 * Notifications arrive as {@code PropertiesChanged} of a characteristic's {@code Value} on dbus-java's
 * signal thread, in order, and are only handed on.
 */
final class DbusConnection extends BluezConnection<String> {

    private final String device;
    private final BluezObjects bluez;

    DbusConnection(
            String address,
            String device,
            Map<String, Map<String, String>> characteristics,
            BluezObjects bluez,
            BlockingCalls calls,
            Duration timeout) {
        super(address, characteristics, calls, timeout);
        this.device = device;
        this.bluez = bluez;
    }

    private <T extends org.freedesktop.dbus.interfaces.DBusInterface> T remote(String path, Class<T> type)
            throws BleException {
        try {
            return bluez.remote(path, type);
        } catch (DBusException e) {
            throw new BleException(address() + ": " + DbusProblems.describe(e), e);
        }
    }

    @Override
    public byte[] read(UUID service, UUID characteristic) throws BleException {
        BluezApi.GattCharacteristic1 c =
                remote(characteristic(service, characteristic), BluezApi.GattCharacteristic1.class);
        return calls.call(address() + ": read " + characteristic, timeout, () -> c.ReadValue(Map.of()));
    }

    @Override
    public void write(UUID service, UUID characteristic, byte[] value) throws BleException {
        BluezApi.GattCharacteristic1 c =
                remote(characteristic(service, characteristic), BluezApi.GattCharacteristic1.class);
        byte[] copy = value.clone();
        calls.run(address() + ": write " + characteristic, timeout, () -> c.WriteValue(copy, Map.of()));
    }

    @Override
    public void subscribe(UUID service, UUID characteristic, Consumer<byte[]> onValue) throws BleException {
        String path = characteristic(service, characteristic);
        BluezApi.GattCharacteristic1 c = remote(path, BluezApi.GattCharacteristic1.class);
        // Watch first: BlueZ may deliver a value as soon as notifications are on.
        bluez.watchers().watchValue(path, onValue);
        calls.run(address() + ": subscribe to " + characteristic, timeout, c::StartNotify);
    }

    @Override
    protected void disconnect() throws BleException {
        BluezApi.Device1 remote = remote(device, BluezApi.Device1.class);
        calls.run(address() + ": disconnect", timeout, remote::Disconnect);
    }
}
