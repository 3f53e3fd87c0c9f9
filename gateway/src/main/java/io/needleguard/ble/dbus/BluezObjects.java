package io.needleguard.ble.dbus;

import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BlueZ's objects as BlueZ announces them: one {@code GetManagedObjects} when {@code org.bluez} appears
 * on the system bus, then its {@code InterfacesAdded}, {@code InterfacesRemoved} and
 * {@code PropertiesChanged} signals. Properties are read from this mirror, never with one D-Bus call
 * each; a characteristic's new {@code Value} (a notification) and a device's {@code Connected = false}
 * are handed to whoever watches them.
 *
 * <p>Signals are taken only from the connection that owns {@code org.bluez}: another program on the
 * system bus cannot fake a pen's notification. When BlueZ leaves the bus (bluetoothd restarting) the
 * mirror empties and every watched link is reported lost; when it is back, the next look reads its
 * objects again. Signals that arrive while the objects are being read are applied after them, in order.
 */
final class BluezObjects implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BluezObjects.class);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final DBusConnection bus;
    private final BlockingCalls calls;
    private final Object lock = new Object();
    /** Object path to interface to property to (unwrapped) value; guarded by {@link #lock}. */
    private final Map<String, Map<String, Map<String, Object>>> objects = new HashMap<>();
    /** Mirror updates held back while the objects are being read; guarded by {@link #lock}. */
    private List<Runnable> pending;

    private final BluezWatchers watchers = new BluezWatchers();
    private final Map<String, DBusInterface> proxies = new ConcurrentHashMap<>();
    private final List<AutoCloseable> handlers = new ArrayList<>();

    /** The unique name of the connection that owns org.bluez; null while BlueZ is not on the bus. */
    private volatile String owner;
    /** Bumped whenever org.bluez changes hands: the mirror must be read again. */
    private volatile long generation;

    private volatile long syncedGeneration = -1;

    private BluezObjects(DBusConnection bus, BlockingCalls calls) {
        this.bus = bus;
        this.calls = calls;
    }

    /** Connects to the system bus ({@code DBUS_SYSTEM_BUS_ADDRESS}, else the standard socket) and listens to BlueZ. */
    static BluezObjects connect(BlockingCalls calls) throws BleException {
        DBusConnection bus;
        try {
            bus = DBusConnectionBuilder.forSystemBus()
                    .withShared(false)
                    .withImportWeakReferences(true)
                    .build();
        } catch (DBusException | RuntimeException e) {
            throw new BleException(cannotReachBus(e), e);
        }
        BluezObjects objects = new BluezObjects(bus, calls);
        try {
            objects.listen();
        } catch (DBusException e) {
            objects.close();
            throw new BleException(
                    "cannot listen to BlueZ's signals on the system bus: " + DbusProblems.describe(e), e);
        }
        return objects;
    }

    static String cannotReachBus(Exception e) {
        String address = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
        return "cannot reach the system D-Bus (" + e.getMessage() + "); is D-Bus running? "
                + (address == null ? "(sudo systemctl start dbus)" : "DBUS_SYSTEM_BUS_ADDRESS is " + address);
    }

    private void listen() throws DBusException {
        handlers.add(bus.addSigHandler(DBus.NameOwnerChanged.class, this::nameOwnerChanged));
        handlers.add(bus.addSigHandler(ObjectManager.InterfacesAdded.class, this::interfacesAdded));
        handlers.add(bus.addSigHandler(ObjectManager.InterfacesRemoved.class, this::interfacesRemoved));
        handlers.add(bus.addSigHandler(Properties.PropertiesChanged.class, this::propertiesChanged));
    }

    // ---- reading the objects -----------------------------------------------------------------------

    /**
     * Reads BlueZ's objects if it (re)appeared since the last read. Returns false when BlueZ is not on
     * the bus; then the mirror is empty.
     *
     * @throws BleException when BlueZ is there but its objects cannot be read (no permission, no answer)
     */
    boolean refresh() throws BleException {
        long wanted = generation;
        if (syncedGeneration == wanted && owner != null) {
            return true;
        }
        Optional<String> unique = nameOwner();
        if (unique.isEmpty()) {
            synchronized (lock) {
                owner = null;
                objects.clear();
            }
            return false;
        }
        synchronized (lock) {
            owner = unique.get();
            pending = new ArrayList<>();
        }
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> all;
        try {
            all = calls.call(
                    "reading BlueZ's objects",
                    CALL_TIMEOUT,
                    () -> remote("/", ObjectManager.class).GetManagedObjects());
        } catch (BleException e) {
            synchronized (lock) {
                pending = null;
            }
            throw e;
        }
        synchronized (lock) {
            objects.clear();
            all.forEach((path, interfaces) -> add(path.getPath(), interfaces));
            List<Runnable> held = pending;
            pending = null;
            held.forEach(Runnable::run);
        }
        syncedGeneration = wanted;
        return true;
    }

    /** Who owns org.bluez, asked of the bus itself. */
    Optional<String> nameOwner() throws BleException {
        DBus daemon;
        try {
            daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        } catch (DBusException e) {
            throw new BleException("cannot talk to the system bus: " + DbusProblems.describe(e), e);
        }
        boolean present = calls.call(
                "asking the system bus for BlueZ", CALL_TIMEOUT, () -> daemon.NameHasOwner(BluezApi.BUS_NAME));
        if (!present) {
            return Optional.empty();
        }
        try {
            return Optional.of(calls.call(
                    "asking the system bus for BlueZ", CALL_TIMEOUT, () -> daemon.GetNameOwner(BluezApi.BUS_NAME)));
        } catch (BleException e) {
            // It left between the two questions.
            return Optional.empty();
        }
    }

    /** A proxy for a BlueZ object; kept per path, since dbus-java remembers every proxy it makes. */
    <T extends DBusInterface> T remote(String path, Class<T> type) throws DBusException {
        String key = path + " " + type.getName();
        DBusInterface proxy = proxies.get(key);
        if (proxy == null) {
            proxy = bus.getRemoteObject(BluezApi.BUS_NAME, path, type);
            proxies.put(key, proxy);
        }
        return type.cast(proxy);
    }

    // ---- what the mirror holds -----------------------------------------------------------------------

    /** A copy of an object's properties of one interface; empty when the object or interface is not there. */
    Optional<Map<String, Object>> properties(String path, String iface) {
        synchronized (lock) {
            Map<String, Map<String, Object>> interfaces = objects.get(path);
            Map<String, Object> properties = interfaces == null ? null : interfaces.get(iface);
            return properties == null ? Optional.empty() : Optional.of(new LinkedHashMap<>(properties));
        }
    }

    /** Every object with this interface, with its properties of it. */
    Map<String, Map<String, Object>> all(String iface) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        synchronized (lock) {
            objects.forEach((path, interfaces) -> {
                Map<String, Object> properties = interfaces.get(iface);
                if (properties != null) {
                    found.put(path, new LinkedHashMap<>(properties));
                }
            });
        }
        return found;
    }

    boolean flag(String path, String iface, String name) {
        return properties(path, iface)
                .map(p -> Boolean.TRUE.equals(p.get(name)))
                .orElse(false);
    }

    // ---- watchers ----------------------------------------------------------------------------------

    /** Who hears of values, dropped links and BlueZ leaving ({@link BluezWatchers}). */
    BluezWatchers watchers() {
        return watchers;
    }

    // ---- signals (on dbus-java's one signal thread, in order) -----------------------------------------

    // Only this one signal thread writes the generation; others read it.
    @SuppressWarnings("NonAtomicVolatileUpdate")
    private void nameOwnerChanged(DBus.NameOwnerChanged signal) {
        if (!BluezApi.BUS_NAME.equals(signal.name)) {
            return;
        }
        generation++;
        if (signal.newOwner == null || signal.newOwner.isEmpty()) {
            synchronized (lock) {
                owner = null;
                objects.clear();
            }
            proxies.clear();
            log.debug("org.bluez left the system bus");
            watchers.bluezGone();
        } else {
            synchronized (lock) {
                owner = signal.newOwner;
            }
            log.debug("org.bluez is on the system bus as {}", signal.newOwner);
        }
    }

    private boolean fromBluez(DBusSignal signal) {
        String current = owner;
        return current != null && current.equals(signal.getSource());
    }

    private void interfacesAdded(ObjectManager.InterfacesAdded signal) {
        if (!fromBluez(signal)) {
            return;
        }
        String path = signal.getSignalSource().getPath();
        Map<String, Map<String, Variant<?>>> interfaces = signal.getInterfaces();
        apply(() -> add(path, interfaces));
    }

    private void interfacesRemoved(ObjectManager.InterfacesRemoved signal) {
        if (!fromBluez(signal)) {
            return;
        }
        String path = signal.getSignalSource().getPath();
        List<String> gone = signal.getInterfaces();
        apply(() -> {
            Map<String, Map<String, Object>> interfaces = objects.get(path);
            if (interfaces != null) {
                gone.forEach(interfaces::remove);
                if (interfaces.isEmpty()) {
                    objects.remove(path);
                }
            }
        });
        proxies.keySet().removeIf(k -> k.startsWith(path + " "));
        if (gone.contains(BluezApi.DEVICE)) {
            watchers.linkLost(path);
        }
    }

    private void propertiesChanged(Properties.PropertiesChanged signal) {
        String path = signal.getPath();
        if (path == null || !path.startsWith("/org/bluez/") || !fromBluez(signal)) {
            return;
        }
        String iface = signal.getInterfaceName();
        Map<String, Object> changed = BluezValues.unwrap(signal.getPropertiesChanged());
        List<String> invalidated = signal.getPropertiesRemoved();
        apply(() -> {
            Map<String, Map<String, Object>> interfaces = objects.get(path);
            Map<String, Object> properties = interfaces == null ? null : interfaces.get(iface);
            if (properties != null) {
                properties.putAll(changed);
                invalidated.forEach(properties::remove);
            }
        });
        byte[] value = BluezApi.CHARACTERISTIC.equals(iface) ? BluezValues.bytes(changed.get("Value")) : null;
        if (value != null) {
            watchers.valueChanged(path, value);
        }
        if (BluezApi.DEVICE.equals(iface) && Boolean.FALSE.equals(changed.get("Connected"))) {
            watchers.linkLost(path);
        }
    }

    /** Applies a change to the mirror now, or after the objects being read, if they are. */
    private void apply(Runnable change) {
        synchronized (lock) {
            if (pending != null) {
                pending.add(change);
            } else {
                change.run();
            }
        }
    }

    /** Adds (or merges) an object's interfaces; the caller holds the lock. */
    private void add(String path, Map<String, Map<String, Variant<?>>> interfaces) {
        Map<String, Map<String, Object>> known = objects.computeIfAbsent(path, p -> new HashMap<>());
        interfaces.forEach((iface, properties) -> known.put(iface, BluezValues.unwrap(properties)));
    }

    @Override
    public void close() {
        for (AutoCloseable handler : handlers) {
            try {
                handler.close();
            } catch (Exception e) {
                log.debug("removing a signal handler: {}", e.getMessage());
            }
        }
        bus.disconnect();
    }
}
