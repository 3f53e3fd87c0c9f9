package io.needleguard.sim.bluez;

import static io.needleguard.sim.bluez.BluezTypes.ay;
import static io.needleguard.sim.bluez.BluezTypes.b;
import static io.needleguard.sim.bluez.BluezTypes.o;
import static io.needleguard.sim.bluez.BluezTypes.s;

import io.needleguard.sim.pen.GattError;
import io.needleguard.sim.pen.SimulatedPen;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code org.bluez.GattCharacteristic1} of a connected simulated pen: reads and writes go to the pen;
 * its notifications become {@code PropertiesChanged} on {@code Value}, which is how BlueZ delivers them.
 */
final class FakeCharacteristic extends BluezObject implements GattCharacteristic1 {

    static final String IFACE = "org.bluez.GattCharacteristic1";

    private final SimulatedPen pen;
    private final UUID service;
    private final UUID uuid;
    private final List<String> flags;

    FakeCharacteristic(
            String path,
            String servicePath,
            SimulatedPen pen,
            UUID service,
            PenGattTable.Characteristic characteristic,
            Signals signals) {
        super(path, signals);
        this.pen = pen;
        this.service = service;
        this.uuid = characteristic.uuid();
        this.flags = characteristic.flags();
        define(IFACE, "UUID", s(uuid.toString()));
        define(IFACE, "Service", o(servicePath));
        define(IFACE, "Value", ay(new byte[0]));
        define(IFACE, "Notifying", b(false));
        define(IFACE, "Flags", BluezTypes.as(flags));
    }

    UUID uuid() {
        return uuid;
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
        if (!flags.contains("read")) {
            throw new org.bluez.Error.NotPermitted("Read not permitted");
        }
        try {
            byte[] value = pen.read(service, uuid);
            change(IFACE, "Value", ay(value));
            return value;
        } catch (GattError e) {
            throw new org.bluez.Error.Failed(e.getMessage());
        }
    }

    @Override
    public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
        if (!flags.contains("write")) {
            throw new org.bluez.Error.NotPermitted("Write not permitted");
        }
        try {
            pen.write(service, uuid, value);
        } catch (GattError e) {
            throw new org.bluez.Error.Failed(e.getMessage());
        }
    }

    @Override
    public void StartNotify() {
        if (!flags.contains("notify") && !flags.contains("indicate")) {
            throw new org.bluez.Error.NotSupported("Operation is not supported");
        }
        try {
            pen.subscribe(uuid);
        } catch (GattError e) {
            throw new org.bluez.Error.Failed(e.getMessage());
        }
        change(IFACE, "Notifying", b(true));
    }

    @Override
    public void StopNotify() {
        change(IFACE, "Notifying", b(false));
    }

    /** The pen notified a value: BlueZ stores it as the characteristic's Value and signals the change. */
    void notified(byte[] value) {
        if (flag(IFACE, "Notifying")) {
            change(IFACE, "Value", ay(value));
        }
    }
}
