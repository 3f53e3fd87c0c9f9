package io.needleguard.ble;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * A GATT connection to one device. Calls block until done or until the backend's own timeout; the
 * gateway makes them from a thread of its own per pen, never from a notification callback.
 */
public interface BleConnection extends AutoCloseable {

    String address();

    boolean isConnected();

    byte[] read(UUID service, UUID characteristic) throws BleException;

    void write(UUID service, UUID characteristic, byte[] value) throws BleException;

    /**
     * Subscribes to notifications (or indications) of a characteristic. {@code onValue} runs on a
     * backend thread and must return quickly: hand the bytes to another thread.
     */
    void subscribe(UUID service, UUID characteristic, Consumer<byte[]> onValue) throws BleException;

    /** {@code onDisconnect} runs once when the link drops, whoever dropped it. */
    void onDisconnect(Runnable onDisconnect);

    /** Disconnects; never throws. */
    @Override
    void close();
}
