package io.needleguard.ble.bluez;

import io.needleguard.ble.BleOptionsException;
import java.time.Duration;
import java.util.Map;

/**
 * The options of a BlueZ backend ({@code ble.options}): {@code adapter} (default hci0) and
 * {@code bluez-gone-exit-seconds} (default 90), the same for TinyB and D-Bus.
 */
public record BluezOptions(String adapter, Duration giveUpAfter) {

    public static final String GIVE_UP = "bluez-gone-exit-seconds";
    /** BlueZ gone this long without coming back: recovery failed; let the service manager restart us. */
    public static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    public BluezOptions {
        if (!adapter.matches("hci[0-9]+")) {
            throw new BleOptionsException(
                    "ble.options.adapter: '" + adapter + "' is not an adapter name; use hci0, hci1...");
        }
        if (giveUpAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new BleOptionsException("ble.options." + GIVE_UP + ": " + giveUpAfter.toSeconds()
                    + " is not a whole number of seconds (1 or more)");
        }
    }

    /**
     * @param takenBy who takes these options, for the message naming an unknown one: "the tinyb backend;
     *     it takes"
     * @throws BleOptionsException naming the option that is unknown or wrong, and what it takes
     */
    public static BluezOptions of(Map<String, String> options, String takenBy) {
        for (String key : options.keySet()) {
            if (!key.equals("adapter") && !key.equals(GIVE_UP)) {
                throw new BleOptionsException("ble.options." + key + ": not an option of " + takenBy
                        + ": adapter (e.g. hci0), " + GIVE_UP
                        + " (how long BlueZ may be gone before needleguard exits for a restart, default "
                        + GIVE_UP_AFTER.toSeconds() + ")");
            }
        }
        return new BluezOptions(options.getOrDefault("adapter", "hci0"), giveUpAfter(options.get(GIVE_UP)));
    }

    private static Duration giveUpAfter(String value) {
        if (value == null) {
            return GIVE_UP_AFTER;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new BleOptionsException(
                "ble.options." + GIVE_UP + ": '" + value + "' is not a whole number of seconds (1 or more)");
    }
}
