package io.needleguard.ble.tinyb;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BleOptionsException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ble.backend: tinyb}: real pens through BlueZ, with TinyB. Options: {@code adapter} (default
 * hci0), {@code bluez-gone-exit-seconds} (default 90).
 */
public final class TinybBackendProvider implements BleBackendProvider {

    @Override
    public String id() {
        return "tinyb";
    }

    @Override
    public String description() {
        return "Bluetooth LE through BlueZ with TinyB (Linux)";
    }

    /** TinyB cannot run where its native libraries do not load: another CPU (arm64), no GLib, not Linux. */
    @Override
    public Optional<String> unavailableHere() {
        try {
            TinybNatives.load();
            return Optional.empty();
        } catch (BleException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public BleBackend open(Clock clock, Map<String, String> options) throws BleException {
        for (String key : options.keySet()) {
            if (!key.equals("adapter") && !key.equals(GIVE_UP)) {
                throw new BleOptionsException("ble.options." + key
                        + ": not an option of the tinyb backend; it takes: adapter (e.g. hci0), "
                        + GIVE_UP + " (how long BlueZ may be gone before needleguard exits for a restart, default "
                        + TinybBackend.GIVE_UP_AFTER.toSeconds() + ")");
            }
        }
        String adapter = options.getOrDefault("adapter", "hci0");
        if (!adapter.matches("hci[0-9]+")) {
            throw new BleOptionsException(
                    "ble.options.adapter: '" + adapter + "' is not an adapter name; use hci0, hci1...");
        }
        return TinybBackend.open(adapter, giveUpAfter(options.get(GIVE_UP)));
    }

    static final String GIVE_UP = "bluez-gone-exit-seconds";

    private static Duration giveUpAfter(String value) {
        if (value == null) {
            return TinybBackend.GIVE_UP_AFTER;
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
