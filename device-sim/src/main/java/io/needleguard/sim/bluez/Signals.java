package io.needleguard.sim.bluez;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/** Where the simulated BlueZ's objects send their signals (nowhere while BlueZ is down). */
interface Signals {

    void propertiesChanged(String path, String iface, Map<String, Variant<?>> changed, List<String> invalidated);
}
