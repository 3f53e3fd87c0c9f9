package io.needleguard.ble;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A way to reach pens, found with {@link java.util.ServiceLoader}: TinyB or D-Bus for real Bluetooth,
 * the device simulator for simulated pens. The gateway picks one by {@link #id()} from its
 * configuration; {@code auto} ({@link AutoBackendProvider}) picks among the real ones.
 */
public interface BleBackendProvider {

    /** The id used in the configuration's {@code ble.backend}: {@code tinyb}, {@code dbus}, {@code sim}. */
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

    /**
     * Why this backend cannot run on this machine (TinyB: its native libraries do not load here), or
     * empty when it can. Cheap enough to ask at start-up; it does not reach Bluetooth.
     */
    default Optional<String> unavailableHere() {
        return Optional.empty();
    }

    /**
     * What {@code needleguard doctor} checks for this backend (the system bus, BlueZ, the adapter...),
     * one finding per check, in the order a user would fix them. Never throws: a problem is a finding.
     *
     * @throws BleOptionsException when an option is unknown or its value is wrong
     */
    default List<BleCheck> diagnose(Map<String, String> options) {
        return List.of();
    }

    /**
     * The serials of the pens this backend would simulate with these options, without opening it: the
     * gateway records a simulator's own pens whether they are paired or not ({@link
     * BleBackend#simulatedPens()}), so forgetting one cannot stop it. Real backends simulate none.
     *
     * @throws BleOptionsException when an option is unknown or its value is wrong
     */
    default Set<String> simulatedSerials(Map<String, String> options) {
        return Set.of();
    }
}
