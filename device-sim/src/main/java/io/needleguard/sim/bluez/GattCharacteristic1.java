package io.needleguard.sim.bluez;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** {@code org.bluez.GattCharacteristic1}, as in BlueZ's doc/gatt-api.txt. */
@DBusInterfaceName("org.bluez.GattCharacteristic1")
public interface GattCharacteristic1 extends DBusInterface {

    byte[] ReadValue(Map<String, Variant<?>> options);

    void WriteValue(byte[] value, Map<String, Variant<?>> options);

    void StartNotify();

    void StopNotify();
}
