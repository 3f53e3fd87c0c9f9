package io.needleguard.ble.dbus;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleCheck;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BleOptionsException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ble.backend: dbus}: real pens through BlueZ's D-Bus API, in pure Java. Options as TinyB's:
 * {@code adapter} (default hci0), {@code bluez-gone-exit-seconds} (default 90).
 */
public final class DbusBackendProvider implements BleBackendProvider {

    static final String GIVE_UP = "bluez-gone-exit-seconds";

    @Override
    public String id() {
        return "dbus";
    }

    @Override
    public String description() {
        return "Bluetooth LE through BlueZ's D-Bus API, pure Java (Linux, any CPU)";
    }

    @Override
    public BleBackend open(Clock clock, Map<String, String> options) throws BleException {
        Options o = Options.of(options);
        return DbusBackend.open(o.adapter(), o.giveUpAfter());
    }

    @Override
    public List<BleCheck> diagnose(Map<String, String> options) {
        return BluezDoctor.diagnose(Options.of(options).adapter());
    }

    record Options(String adapter, Duration giveUpAfter) {
        static Options of(Map<String, String> options) {
            for (String key : options.keySet()) {
                if (!key.equals("adapter") && !key.equals(GIVE_UP)) {
                    throw new BleOptionsException("ble.options." + key
                            + ": not an option of the Bluetooth backends; they take: adapter (e.g. hci0), " + GIVE_UP
                            + " (how long BlueZ may be gone before needleguard exits for a restart, default "
                            + DbusBackend.GIVE_UP_AFTER.toSeconds() + ")");
                }
            }
            String adapter = options.getOrDefault("adapter", "hci0");
            if (!adapter.matches("hci[0-9]+")) {
                throw new BleOptionsException(
                        "ble.options.adapter: '" + adapter + "' is not an adapter name; use hci0, hci1...");
            }
            return new Options(adapter, giveUpAfter(options.get(GIVE_UP)));
        }

        private static Duration giveUpAfter(String value) {
            if (value == null) {
                return DbusBackend.GIVE_UP_AFTER;
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
}
