package io.needleguard.sim.bluez;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * One object of the simulated BlueZ: a path, its interfaces' properties with exact types, and the
 * {@code PropertiesChanged} signals TinyB learns every update from (it never calls {@code Get}).
 */
abstract class BluezObject implements Properties {

    private final String path;
    private final Signals signals;
    /** Interface name to property name to value; guarded by this. */
    private final Map<String, Map<String, Variant<?>>> interfaces = new LinkedHashMap<>();

    BluezObject(String path, Signals signals) {
        this.path = path;
        this.signals = signals;
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    /** Sets a property without a signal: for building the object before it is announced. */
    protected final synchronized void define(String iface, String name, Variant<?> value) {
        interfaces.computeIfAbsent(iface, i -> new LinkedHashMap<>()).put(name, value);
    }

    /** Changes properties and tells the bus, in one step so that signals follow the order of changes. */
    protected final synchronized void change(String iface, Map<String, Variant<?>> changed) {
        Map<String, Variant<?>> properties = interfaces.get(iface);
        Map<String, Variant<?>> actual = new LinkedHashMap<>();
        changed.forEach((name, value) -> {
            Variant<?> old = properties.put(name, value);
            if (!value.equals(old) || "Value".equals(name)) {
                actual.put(name, value);
            }
        });
        if (!actual.isEmpty()) {
            signals.propertiesChanged(path, iface, actual, List.of());
        }
    }

    protected final void change(String iface, String name, Variant<?> value) {
        change(iface, Map.of(name, value));
    }

    /** Removes a property (BlueZ does this to RSSI when a device is no longer heard). */
    protected final synchronized void invalidate(String iface, String name) {
        if (interfaces.get(iface).remove(name) != null) {
            signals.propertiesChanged(path, iface, Map.of(), List.of(name));
        }
    }

    protected final synchronized Variant<?> property(String iface, String name) {
        return interfaces.get(iface).get(name);
    }

    protected final boolean flag(String iface, String name) {
        Variant<?> value = property(iface, name);
        return value != null && Boolean.TRUE.equals(value.getValue());
    }

    /** Every interface with its properties, as {@code GetManagedObjects} and {@code InterfacesAdded} carry them. */
    final synchronized Map<String, Map<String, Variant<?>>> snapshot() {
        Map<String, Map<String, Variant<?>>> copy = new LinkedHashMap<>();
        interfaces.forEach((iface, properties) -> copy.put(iface, new LinkedHashMap<>(properties)));
        return copy;
    }

    final synchronized List<String> interfaceNames() {
        return List.copyOf(interfaces.keySet());
    }

    @Override
    public synchronized Map<String, Variant<?>> GetAll(String iface) {
        Map<String, Variant<?>> properties = interfaces.get(iface);
        return properties == null ? Map.of() : new LinkedHashMap<>(properties);
    }

    @Override
    // The signature is dbus-java's Properties.Get: the caller names the type it expects.
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    public synchronized <A> A Get(String iface, String name) {
        Map<String, Variant<?>> properties = interfaces.get(iface);
        Variant<?> value = properties == null ? null : properties.get(name);
        if (value == null) {
            throw new org.bluez.Error.DoesNotExist("no property " + name + " on " + iface);
        }
        return (A) value.getValue();
    }

    @Override
    public <A> void Set(String iface, String name, A value) {
        throw new org.bluez.Error.NotSupported("the simulated BlueZ does not set " + iface + "." + name);
    }
}
