package io.needleguard.sim.bluez;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.bluez.Device1}, as in BlueZ's doc/device-api.txt. */
@DBusInterfaceName("org.bluez.Device1")
public interface Device1 extends DBusInterface {

    void Connect();

    void Disconnect();

    void ConnectProfile(String uuid);

    void DisconnectProfile(String uuid);

    void Pair();

    void CancelPairing();
}
