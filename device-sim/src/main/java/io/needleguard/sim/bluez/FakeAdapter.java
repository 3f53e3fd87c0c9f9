package io.needleguard.sim.bluez;

import static io.needleguard.sim.bluez.BluezTypes.b;
import static io.needleguard.sim.bluez.BluezTypes.s;
import static io.needleguard.sim.bluez.BluezTypes.u;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** {@code org.bluez.Adapter1}: {@code hci0}, powered, discovering on request. */
final class FakeAdapter extends BluezObject implements Adapter1 {

    static final String IFACE = "org.bluez.Adapter1";

    private final Consumer<DBusPath> removeDevice;
    private final Consumer<Boolean> powerSwitch;

    /**
     * @param removeDevice what {@code RemoveDevice} does
     * @param powerSwitch  what setting {@code Powered} does (it drops every connection when off)
     */
    FakeAdapter(
            String path,
            String address,
            Signals signals,
            Consumer<DBusPath> removeDevice,
            Consumer<Boolean> powerSwitch) {
        super(path, signals);
        this.removeDevice = removeDevice;
        this.powerSwitch = powerSwitch;
        define(IFACE, "Address", s(address));
        define(IFACE, "AddressType", s("public"));
        define(IFACE, "Name", s("needleguard-sim"));
        define(IFACE, "Alias", s("needleguard-sim"));
        define(IFACE, "Class", u(0));
        define(IFACE, "Powered", b(true));
        define(IFACE, "Discoverable", b(false));
        define(IFACE, "DiscoverableTimeout", u(180));
        define(IFACE, "Pairable", b(true));
        define(IFACE, "PairableTimeout", u(0));
        define(IFACE, "Discovering", b(false));
        define(IFACE, "UUIDs", BluezTypes.as(List.of()));
        define(IFACE, "Modalias", s("usb:v1D6Bp0246d0540"));
    }

    boolean powered() {
        return flag(IFACE, "Powered");
    }

    void setPowered(boolean powered) {
        change(IFACE, powered ? Map.of("Powered", b(true)) : Map.of("Powered", b(false), "Discovering", b(false)));
    }

    @Override
    public void StartDiscovery() {
        if (!powered()) {
            throw new org.bluez.Error.NotReady("Resource Not Ready");
        }
        change(IFACE, "Discovering", b(true));
    }

    @Override
    public void StopDiscovery() {
        if (!powered()) {
            throw new org.bluez.Error.NotReady("Resource Not Ready");
        }
        change(IFACE, "Discovering", b(false));
    }

    @Override
    public void RemoveDevice(DBusPath device) {
        removeDevice.accept(device);
    }

    @Override
    public void SetDiscoveryFilter(Map<String, Variant<?>> filter) {
        // Every pen is an LE device; there is nothing to filter out.
    }

    @Override
    public List<String> GetDiscoveryFilters() {
        return List.of("UUIDs", "RSSI", "Pathloss", "Transport", "DuplicateData", "Discoverable", "Pattern");
    }

    /** {@code bluetoothctl power on|off} sets Powered; nothing else is settable here. */
    @Override
    public <A> void Set(String iface, String name, A value) {
        if (IFACE.equals(iface) && "Powered".equals(name) && value instanceof Boolean on) {
            powerSwitch.accept(on);
        } else {
            super.Set(iface, name, value);
        }
    }
}
