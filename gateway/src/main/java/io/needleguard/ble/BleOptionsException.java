package io.needleguard.ble;

/**
 * A backend's options ({@code ble.options} in the configuration) are wrong: the message names the
 * option and what it takes. The command line reports it as a configuration error.
 */
public class BleOptionsException extends IllegalArgumentException {

    public BleOptionsException(String message) {
        super(message);
    }
}
