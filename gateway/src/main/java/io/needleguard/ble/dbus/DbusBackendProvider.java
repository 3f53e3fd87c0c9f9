package io.needleguard.ble.dbus;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleCheck;
import io.needleguard.ble.BleException;
import io.needleguard.ble.bluez.BluezOptions;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code ble.backend: dbus}: real pens through BlueZ's D-Bus API, in pure Java. Options as TinyB's
 * ({@link BluezOptions}): {@code adapter} (default hci0), {@code bluez-gone-exit-seconds} (default 90).
 */
public final class DbusBackendProvider implements BleBackendProvider {

    /** Said of an unknown option: {@code auto} may have chosen this backend, so the message speaks of both. */
    static final String TAKEN_BY = "the Bluetooth backends; they take";

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
        return DbusBackend.open(BluezOptions.of(options, TAKEN_BY));
    }

    @Override
    public List<BleCheck> diagnose(Map<String, String> options) {
        return BluezDoctor.diagnose(BluezOptions.of(options, TAKEN_BY).adapter());
    }
}
