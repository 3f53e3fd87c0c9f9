package io.needleguard.sim.bluez;

import static io.needleguard.sim.bluez.BluezTypes.b;
import static io.needleguard.sim.bluez.BluezTypes.o;
import static io.needleguard.sim.bluez.BluezTypes.s;

import java.util.UUID;

/** {@code org.bluez.GattService1} of a connected simulated pen. */
final class FakeService extends BluezObject implements GattService1 {

    static final String IFACE = "org.bluez.GattService1";

    FakeService(String path, String devicePath, UUID uuid, Signals signals) {
        super(path, signals);
        define(IFACE, "UUID", s(uuid.toString()));
        define(IFACE, "Device", o(devicePath));
        define(IFACE, "Primary", b(true));
    }
}
