package io.needleguard.ble.dbus;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The methods of BlueZ's D-Bus API that needleguard calls (BlueZ's doc/adapter-api.txt,
 * device-api.txt, gatt-api.txt), for dbus-java's proxies. Properties are not read through these:
 * {@link BluezObjects} mirrors them from the ObjectManager and its signals.
 */
final class BluezApi {

    static final String BUS_NAME = "org.bluez";
    static final String ADAPTER = "org.bluez.Adapter1";
    static final String DEVICE = "org.bluez.Device1";
    static final String SERVICE = "org.bluez.GattService1";
    static final String CHARACTERISTIC = "org.bluez.GattCharacteristic1";

    private BluezApi() {}

    @DBusInterfaceName(ADAPTER)
    public interface Adapter1 extends DBusInterface {
        void StartDiscovery();

        void StopDiscovery();

        void RemoveDevice(DBusPath device);

        void SetDiscoveryFilter(Map<String, Variant<?>> filter);
    }

    @DBusInterfaceName(DEVICE)
    public interface Device1 extends DBusInterface {
        void Connect();

        void Disconnect();

        void Pair();
    }

    @DBusInterfaceName(CHARACTERISTIC)
    public interface GattCharacteristic1 extends DBusInterface {
        byte[] ReadValue(Map<String, Variant<?>> options);

        void WriteValue(byte[] value, Map<String, Variant<?>> options);

        void StartNotify();

        void StopNotify();
    }
}
