package io.needleguard.ble;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The gateway's Bluetooth LE port. TinyB on BlueZ implements it for real pens; the device simulator
 * implements it for simulated ones. Nothing outside an adapter sees the library behind it.
 */
public interface BleBackend extends AutoCloseable {

    /** A short name for logs: {@code tinyb (hci0)}, {@code simulator}. */
    String name();

    /**
     * Starts reporting devices that advertise. {@code onDevice} runs on a backend thread, possibly
     * many times for the same device, and must return quickly.
     */
    void startScan(Consumer<Advertisement> onDevice) throws BleException;

    void stopScan();

    BleConnection connect(String address, Duration timeout) throws BleException;

    @Override
    void close();
}
