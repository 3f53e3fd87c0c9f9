package io.needleguard.ble.tinyb;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleException;
import io.needleguard.config.ConfigException;
import java.time.Clock;
import java.util.Map;

/** {@code ble.backend: tinyb}: real pens through BlueZ, with TinyB. Option: {@code adapter} (default hci0). */
public final class TinybBackendProvider implements BleBackendProvider {

    @Override
    public String id() {
        return "tinyb";
    }

    @Override
    public String description() {
        return "Bluetooth LE through BlueZ with TinyB (Linux)";
    }

    @Override
    public BleBackend open(Clock clock, Map<String, String> options) throws BleException {
        for (String key : options.keySet()) {
            if (!key.equals("adapter")) {
                throw new ConfigException("ble.options." + key + ": not an option of the tinyb backend; it takes: adapter (e.g. hci0)");
            }
        }
        String adapter = options.getOrDefault("adapter", "hci0");
        if (!adapter.matches("hci[0-9]+")) {
            throw new ConfigException("ble.options.adapter: '" + adapter + "' is not an adapter name; use hci0, hci1...");
        }
        return TinybBackend.open(adapter);
    }
}
