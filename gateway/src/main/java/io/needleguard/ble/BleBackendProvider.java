package io.needleguard.ble;

import java.time.Clock;
import java.util.Map;

/**
 * A way to reach pens, found with {@link java.util.ServiceLoader}: TinyB for real Bluetooth, the
 * device simulator for simulated pens. The gateway picks one by {@link #id()} from its configuration.
 */
public interface BleBackendProvider {

    /** The id used in the configuration's {@code ble.backend}: {@code tinyb}, {@code sim}. */
    String id();

    /** One line for {@code --help} and error messages. */
    String description();

    /**
     * Opens the backend.
     *
     * @param clock   the gateway's clock (virtual in a simulation)
     * @param options backend-specific settings from the configuration's {@code ble.options}
     * @throws BleOptionsException when an option is unknown or its value is wrong
     */
    BleBackend open(Clock clock, Map<String, String> options) throws BleException;
}
