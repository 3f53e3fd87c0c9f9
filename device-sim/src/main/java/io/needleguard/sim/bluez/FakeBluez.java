package io.needleguard.sim.bluez;

import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.pen.SimulatedPen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake {@code org.bluez} on a (private) D-Bus bus, serving simulated pens to TinyB or any BlueZ
 * client: an ObjectManager at {@code /}, the adapter {@code hci0}, a device per pen in range, and
 * each connected pen's GATT services and characteristics, with BlueZ's exact property types.
 *
 * <p>It follows a {@link SimAir}: pens that come into range appear as devices, pens that leave are
 * disconnected and (unless paired) removed. Faults on command: BlueZ restarting, the adapter powered
 * off or removed; the pens' own faults (out of range, battery, malformed notifications, rogue devices)
 * happen in the air and show here as they would on a real BlueZ.
 */
public final class FakeBluez implements AutoCloseable, SimAir.Radio, ObjectTree {

    private static final Logger log = LoggerFactory.getLogger(FakeBluez.class);
    public static final String BUS_NAME = "org.bluez";
    public static final String ADAPTER_NAME = "hci0";
    static final String ADAPTER_PATH = "/org/bluez/" + ADAPTER_NAME;

    private final String busAddress;
    private final SimAir air;
    private final Root root = new Root();
    private final FakeAdapter adapter;
    /** Devices BlueZ knows, by address; guarded by this. */
    private final Map<String, FakeDevice> devices = new LinkedHashMap<>();

    private volatile DBusConnection connection;
    private volatile boolean adapterPresent = true;

    private FakeBluez(String busAddress, SimAir air) {
        this.busAddress = busAddress;
        this.air = air;
        this.adapter = new FakeAdapter(ADAPTER_PATH, "00:1A:7D:DA:71:13", this, this::removeDevice, this::power);
    }

    /** Connects to the bus at {@code busAddress}, takes the name {@code org.bluez} and serves the pens in {@code air}. */
    public static FakeBluez start(String busAddress, SimAir air) throws DBusException {
        FakeBluez bluez = new FakeBluez(busAddress, air);
        bluez.up();
        air.watch(bluez);
        return bluez;
    }

    public String busAddress() {
        return busAddress;
    }

    private synchronized void up() throws DBusException {
        DBusConnection c =
                DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        c.exportObject("/", root);
        connection = c;
        if (adapterPresent) {
            export(adapter);
            devices.values().forEach(this::export);
        }
        // The name last: a client that sees org.bluez appear asks for the objects at once.
        c.requestBusName(BUS_NAME);
        log.info("simulated BlueZ is up on {}", busAddress);
    }

    private synchronized void down() {
        DBusConnection c = connection;
        connection = null;
        if (c != null) {
            c.disconnect();
        }
    }

    // ---- faults ---------------------------------------------------------------------------------

    /**
     * bluetoothd crashes and systemd starts it again: every link drops, {@code org.bluez} leaves the
     * bus and comes back after {@code downFor} with the adapter and the devices still in range.
     */
    public void restart(Duration downFor) throws DBusException, InterruptedException {
        synchronized (this) {
            // Down first: a crashed bluetoothd sends nothing; clients see only org.bluez leave the bus.
            down();
            devices.values().forEach(d -> {
                d.pen().detach();
                d.linkLost();
            });
            devices.values().removeIf(d -> !d.paired() && !d.pen().inRange());
            adapter.setPowered(true);
        }
        log.info("simulated BlueZ went away; back in {} ms", downFor.toMillis());
        Thread.sleep(downFor.toMillis());
        up();
    }

    /** Stops answering for good (bluetoothd stopped). */
    public void stop() {
        synchronized (this) {
            devices.values().forEach(d -> {
                d.pen().detach();
                d.linkLost();
            });
            down();
        }
    }

    /** The adapter is powered on or off ({@code bluetoothctl power on|off}, rfkill). Off drops every link. */
    public void power(boolean on) {
        List<FakeDevice> connected;
        synchronized (this) {
            connected = devices.values().stream().filter(FakeDevice::connected).toList();
        }
        if (!on) {
            connected.forEach(d -> {
                d.pen().detach();
                d.linkLost();
            });
        }
        adapter.setPowered(on);
    }

    /** The USB dongle is pulled out: the adapter and its devices vanish; {@link #insertAdapter} brings them back. */
    public synchronized void removeAdapter() {
        if (!adapterPresent) {
            return;
        }
        devices.values().forEach(d -> {
            d.pen().detach();
            d.linkLost();
        });
        new ArrayList<>(devices.values()).forEach(this::unexport);
        unexport(adapter);
        adapterPresent = false;
    }

    public synchronized void insertAdapter() {
        if (adapterPresent) {
            return;
        }
        adapterPresent = true;
        export(adapter);
        devices.values().forEach(this::export);
    }

    // ---- the air (SimAir.Radio) ---------------------------------------------------------------------

    @Override
    public synchronized void inRange(SimulatedPen pen) {
        FakeDevice known = devices.get(pen.address());
        if (known != null) {
            known.heard();
            return;
        }
        FakeDevice device = new FakeDevice(ADAPTER_PATH, pen, this);
        devices.put(pen.address(), device);
        if (adapterPresent) {
            export(device);
        }
    }

    @Override
    public synchronized void outOfRange(SimulatedPen pen) {
        FakeDevice device = devices.get(pen.address());
        if (device == null) {
            return;
        }
        device.linkLost();
        if (device.paired()) {
            device.silent();
        } else {
            devices.remove(pen.address());
            if (adapterPresent) {
                unexport(device);
            }
        }
    }

    private synchronized void removeDevice(DBusPath path) {
        FakeDevice device = devices.values().stream()
                .filter(d -> d.getObjectPath().equals(path.getPath()))
                .findFirst()
                .orElseThrow(() -> new org.bluez.Error.DoesNotExist("Does Not Exist"));
        device.pen().detach();
        device.linkLost();
        devices.remove(device.pen().address());
        unexport(device);
        // Still in range: it is discovered again, as a new, unpaired device.
        if (device.pen().inRange()) {
            inRange(device.pen());
        }
    }

    // ---- the object tree (ObjectTree) ---------------------------------------------------------------

    @Override
    public boolean adapterPowered() {
        return adapterPresent && adapter.powered();
    }

    @Override
    public void add(BluezObject object) {
        export(object);
    }

    @Override
    public void remove(BluezObject object) {
        unexport(object);
    }

    private void export(BluezObject object) {
        DBusConnection c = connection;
        if (c == null) {
            return;
        }
        try {
            c.exportObject(object.getObjectPath(), object);
            send(new ObjectManager.InterfacesAdded("/", new DBusPath(object.getObjectPath()), object.snapshot()));
        } catch (DBusException e) {
            log.warn("simulated BlueZ could not add {}: {}", object.getObjectPath(), e.getMessage());
        }
    }

    private void unexport(BluezObject object) {
        if (object instanceof FakeDevice device) {
            device.children().forEach(this::unexport);
        }
        DBusConnection c = connection;
        if (c == null) {
            return;
        }
        c.unExportObject(object.getObjectPath());
        try {
            send(new ObjectManager.InterfacesRemoved(
                    "/", new DBusPath(object.getObjectPath()), object.interfaceNames()));
        } catch (DBusException e) {
            log.warn("simulated BlueZ could not remove {}: {}", object.getObjectPath(), e.getMessage());
        }
    }

    @Override
    public void propertiesChanged(
            String path, String iface, Map<String, Variant<?>> changed, List<String> invalidated) {
        try {
            send(new Properties.PropertiesChanged(path, iface, changed, invalidated));
        } catch (DBusException e) {
            log.warn(
                    "simulated BlueZ could not signal a change of {} on {}: {}",
                    changed.keySet(),
                    path,
                    e.getMessage());
        }
    }

    private void send(DBusSignal signal) {
        DBusConnection c = connection;
        if (c != null) {
            c.sendMessage(signal);
        }
    }

    /** Every object and its interfaces, as GetManagedObjects returns them. */
    private synchronized Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = new LinkedHashMap<>();
        if (!adapterPresent) {
            return objects;
        }
        objects.put(new DBusPath(adapter.getObjectPath()), adapter.snapshot());
        for (FakeDevice device : devices.values()) {
            objects.put(new DBusPath(device.getObjectPath()), device.snapshot());
            device.children().forEach(child -> objects.put(new DBusPath(child.getObjectPath()), child.snapshot()));
        }
        return objects;
    }

    @Override
    public void close() {
        air.unwatch(this);
        stop();
    }

    /** The ObjectManager at {@code /}. */
    private final class Root implements ObjectManager {
        @Override
        public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
            return managedObjects();
        }

        @Override
        public String getObjectPath() {
            return "/";
        }
    }

    /** What a client reading the object tree now learns of each device: its Connected and RSSI (diagnostics). */
    public synchronized String devicesAsSeen() {
        StringBuilder seen = new StringBuilder(adapterPresent ? "" : "no adapter");
        for (FakeDevice device : devices.values()) {
            Map<String, Variant<?>> properties = device.snapshot().getOrDefault(FakeDevice.IFACE, Map.of());
            seen.append(seen.isEmpty() ? "" : "; ")
                    .append(device.getObjectPath())
                    .append(" Connected=")
                    .append(value(properties.get("Connected")))
                    .append(" RSSI=")
                    .append(value(properties.get("RSSI")));
        }
        return seen.toString();
    }

    private static Object value(Variant<?> variant) {
        return variant == null ? "absent" : variant.getValue();
    }

    @Override
    public String toString() {
        return "simulated BlueZ on " + busAddress;
    }
}
