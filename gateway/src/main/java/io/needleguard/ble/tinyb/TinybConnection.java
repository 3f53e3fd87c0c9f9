package io.needleguard.ble.tinyb;

import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.ble.bluez.BluezConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import tinyb.BluetoothDevice;
import tinyb.BluetoothGattCharacteristic;

/** A GATT connection through TinyB. TinyB's callbacks only hand bytes on; they never call TinyB. */
final class TinybConnection extends BluezConnection<BluetoothGattCharacteristic> {

    private final BluetoothDevice device;

    TinybConnection(
            BluetoothDevice device,
            String address,
            Map<String, Map<String, BluetoothGattCharacteristic>> characteristics,
            BlockingCalls calls,
            Duration timeout) {
        super(address, characteristics, calls, timeout);
        this.device = device;
        List<Object> objects = new ArrayList<>();
        objects.add(device);
        characteristics.values().forEach(byUuid -> objects.addAll(byUuid.values()));
        TinybKeeper.keep(objects);
    }

    /** Watches the device's Connected property; called once, right after connecting. */
    void watchConnection() throws BleException {
        calls.run(
                address() + ": watch the connection",
                timeout,
                () -> device.enableConnectedNotifications(connected -> {
                    if (!connected) {
                        lost();
                    }
                }));
    }

    @Override
    public byte[] read(UUID service, UUID characteristic) throws BleException {
        // readValue, never getValue: TinyB's getValue throws on an empty cached value.
        BluetoothGattCharacteristic c = characteristic(service, characteristic);
        return calls.call(address() + ": read " + characteristic, timeout, c::readValue);
    }

    @Override
    public void write(UUID service, UUID characteristic, byte[] value) throws BleException {
        BluetoothGattCharacteristic c = characteristic(service, characteristic);
        boolean written = calls.call(address() + ": write " + characteristic, timeout, () -> c.writeValue(value));
        if (!written) {
            throw new BleException(address() + ": the pen refused the write to " + characteristic);
        }
    }

    @Override
    public void subscribe(UUID service, UUID characteristic, Consumer<byte[]> onValue) throws BleException {
        BluetoothGattCharacteristic c = characteristic(service, characteristic);
        // A copy: TinyB writes its next notification into the same array.
        calls.run(
                address() + ": subscribe to " + characteristic,
                timeout,
                () -> c.enableValueNotifications(value -> onValue.accept(value.clone())));
    }

    @Override
    protected void disconnect() throws BleException {
        // Notifications are not disabled: TinyB swaps the callback unlocked while its thread may be
        // calling it. The characteristics go with the link, and their objects are kept (TinybKeeper).
        calls.run(address() + ": disconnect", timeout, device::disconnect);
    }
}
