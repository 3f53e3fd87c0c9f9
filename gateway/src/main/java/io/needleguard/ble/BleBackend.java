package io.needleguard.ble;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The gateway's Bluetooth LE port. TinyB on BlueZ implements it for real pens; the device simulator
 * implements it for simulated ones. Nothing outside an adapter sees the library behind it.
 */
public interface BleBackend extends AutoCloseable {

    /** A short name for logs: {@code tinyb (hci0)}, {@code simulator}. */
    String name();

    /**
     * Starts reporting devices that advertise {@code service}. {@code onDevice} runs on a backend
     * thread, possibly many times for the same device, and must return quickly.
     */
    void startScan(UUID service, Consumer<Advertisement> onDevice) throws BleException;

    void stopScan();

    /**
     * Ends the links BlueZ still holds to devices of {@code service} for a program that is gone (this
     * gateway, killed while connected): a connected device does not advertise, so it would not be seen
     * again until it left range. Only the gateway calls this, at start: a {@code pair} beside a running
     * gateway must not take its pens. Backends without such leftovers (the simulator) do nothing.
     */
    default void releaseLeftoverConnections(UUID service) throws BleException {}

    BleConnection connect(String address, Duration timeout) throws BleException;

    /**
     * Pairs (bonds) with a device, for {@code needleguard pair}. A device that is already paired is
     * not an error. Backends without pairing (the simulator) accept every device.
     */
    default void pair(String address, Duration timeout) throws BleException {}

    /**
     * The pens this backend simulates, serial to address: a simulator's own pens are the gateway's to
     * record without pairing (they exist nowhere else). Real backends have none.
     */
    default Map<String, String> simulatedPens() {
        return Map.of();
    }

    /**
     * {@code onFailure} hears when the backend has stopped working for good in this process (BlueZ
     * stayed gone): the service should exit so that its service manager restarts it.
     */
    default void onFailure(Consumer<BleException> onFailure) {}

    @Override
    void close();
}
