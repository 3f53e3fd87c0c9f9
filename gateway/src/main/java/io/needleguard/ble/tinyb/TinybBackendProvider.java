package io.needleguard.ble.tinyb;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleException;
import io.needleguard.ble.bluez.BluezOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ble.backend: tinyb}: real pens through BlueZ, with TinyB. Options ({@link BluezOptions}):
 * {@code adapter} (default hci0), {@code bluez-gone-exit-seconds} (default 90).
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
        return TinybBackend.open(BluezOptions.of(options, "the tinyb backend; it takes"));
    }
}
