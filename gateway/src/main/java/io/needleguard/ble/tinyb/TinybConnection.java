package io.needleguard.ble.tinyb;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tinyb.BluetoothDevice;
import tinyb.BluetoothGattCharacteristic;

/** A GATT connection through TinyB. TinyB's callbacks only hand bytes on; they never call TinyB. */
final class TinybConnection implements BleConnection {

    private static final Logger log = LoggerFactory.getLogger(TinybConnection.class);

    private final BluetoothDevice device;
    private final String address;
    /** Characteristics by service and characteristic UUID, lower-case as BlueZ writes them. */
    private final Map<String, Map<String, BluetoothGattCharacteristic>> characteristics;

    private final BlockingCalls calls;
    private final Duration timeout;
    private final List<Runnable> onDisconnect = new CopyOnWriteArrayList<>();
    private final AtomicBoolean disconnected = new AtomicBoolean();

    TinybConnection(
            BluetoothDevice device,
            String address,
            Map<String, Map<String, BluetoothGattCharacteristic>> characteristics,
            BlockingCalls calls,
            Duration timeout) {
        this.device = device;
        this.address = address;
        this.characteristics = characteristics;
        this.calls = calls;
        this.timeout = timeout;
        List<Object> objects = new java.util.ArrayList<>();
        objects.add(device);
        characteristics.values().forEach(byUuid -> objects.addAll(byUuid.values()));
        TinybKeeper.keep(objects);
    }

    /** Watches the device's Connected property; called once, right after connecting. */
    void watchConnection() throws BleException {
        calls.run(
                address + ": watch the connection",
                timeout,
                () -> device.enableConnectedNotifications(connected -> {
                    if (!connected) {
                        lost();
                    }
                }));
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean isConnected() {
        return !disconnected.get();
    }

    private BluetoothGattCharacteristic characteristic(UUID service, UUID characteristic) throws BleException {
        Map<String, BluetoothGattCharacteristic> inService =
                characteristics.get(service.toString().toLowerCase(Locale.ROOT));
        BluetoothGattCharacteristic found = inService == null
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
        BluetoothGattCharacteristic c = characteristic(service, characteristic);
        return calls.call(address + ": read " + characteristic, timeout, c::readValue);
    }

    @Override
    public void write(UUID service, UUID characteristic, byte[] value) throws BleException {
        BluetoothGattCharacteristic c = characteristic(service, characteristic);
        boolean written = calls.call(address + ": write " + characteristic, timeout, () -> c.writeValue(value));
        if (!written) {
            throw new BleException(address + ": the pen refused the write to " + characteristic);
        }
    }

    @Override
    public void subscribe(UUID service, UUID characteristic, Consumer<byte[]> onValue) throws BleException {
        BluetoothGattCharacteristic c = characteristic(service, characteristic);
        calls.run(
                address + ": subscribe to " + characteristic,
                timeout,
                () -> c.enableValueNotifications(value -> onValue.accept(value.clone())));
    }

    @Override
    public void onDisconnect(Runnable callback) {
        onDisconnect.add(callback);
    }

    /** The link is gone (the pen left, or BlueZ restarted): say so once. */
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
            // Notifications are not disabled: TinyB swaps the callback unlocked while its thread may be
            // calling it. The characteristics go with the link, and their objects are kept (TinybKeeper).
            calls.run(address + ": disconnect", timeout, device::disconnect);
        } catch (BleException e) {
            log.debug("disconnecting {}: {}", address, e.getMessage());
        }
        lost();
    }
}
