package io.needleguard.sim.bluez;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** {@code org.bluez.Adapter1}, as in BlueZ's doc/adapter-api.txt. */
@DBusInterfaceName("org.bluez.Adapter1")
public interface Adapter1 extends DBusInterface {

    void StartDiscovery();

    void StopDiscovery();

    void RemoveDevice(DBusPath device);

    void SetDiscoveryFilter(Map<String, Variant<?>> filter);

    List<String> GetDiscoveryFilters();
}
