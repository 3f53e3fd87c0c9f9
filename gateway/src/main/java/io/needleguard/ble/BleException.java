package io.needleguard.ble;

/**
 * A Bluetooth operation failed. The message says what failed and, where known, what the user can do
 * (power the adapter on, start bluetoothd, join the bluetooth group...).
 */
public class BleException extends Exception {

    public BleException(String message) {
        super(message);
    }

    public BleException(String message, Throwable cause) {
        super(message, cause);
    }
}
