package io.needleguard.sim.bluez;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.bluez.GattService1}: properties only. */
@DBusInterfaceName("org.bluez.GattService1")
public interface GattService1 extends DBusInterface {}
