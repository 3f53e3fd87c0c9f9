package io.needleguard.sim.bluez;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Property values with BlueZ's exact D-Bus types. GDBus drops a property of the wrong type without a
 * word and TinyB's getter then returns 0, so every type is written out here, once.
 */
final class BluezTypes {

    private BluezTypes() {}

    static Variant<String> s(String value) {
        return new Variant<>(value);
    }

    static Variant<Boolean> b(boolean value) {
        return new Variant<>(value);
    }

    /** {@code n}: int16. RSSI and TxPower are {@code n}, not {@code i}. */
    static Variant<Short> n(int value) {
        return new Variant<>((short) value);
    }

    /** {@code q}: uint16. */
    static Variant<UInt16> q(int value) {
        return new Variant<>(new UInt16(value));
    }

    /** {@code u}: uint32. */
    static Variant<UInt32> u(long value) {
        return new Variant<>(new UInt32(value));
    }

    static Variant<DBusPath> o(String path) {
        return new Variant<>(new DBusPath(path));
    }

    static Variant<byte[]> ay(byte[] value) {
        return new Variant<>(value.clone(), "ay");
    }

    static Variant<List<String>> as(List<String> values) {
        return new Variant<>(List.copyOf(values), "as");
    }

    /** {@code a{qv}}: ManufacturerData, company id to a variant holding the bytes. */
    static Variant<Map<UInt16, Variant<?>>> manufacturerData(int companyId, byte[] data) {
        return new Variant<>(Map.of(new UInt16(companyId), ay(data)), "a{qv}");
    }

    /** {@code a{sv}} with no entries: ServiceData of a device that advertises none. */
    static Variant<Map<String, Variant<?>>> emptyServiceData() {
        return new Variant<>(Map.of(), "a{sv}");
    }
}
