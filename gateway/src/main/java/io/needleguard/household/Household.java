package io.needleguard.household;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who uses this gateway, which pens are theirs, and which devices without Bluetooth (rollers, other
 * pens) they log sessions of by hand. Rules apply per owner: a pen's sessions count against its
 * owner's skin. A pen not mapped to anyone belongs to the first owner; a household that names no one
 * is one person, {@code me}. Immutable: pen threads, the housekeeping thread and MQTT read it at the
 * same time.
 */
public final class Household {

    private final Map<String, Owner> owners;
    private final Map<String, String> ownerOfPen;
    private final Map<String, Device> devices;
    private final ZoneId defaultZone;

    /**
     * @param owners     the people, the first being whose an unmapped pen is; none: {@code me} in
     *                   {@code defaultZone}
     * @param ownerOfPen pen serial to owner id; every owner id must be among {@code owners}
     */
    public Household(List<Owner> owners, Map<String, String> ownerOfPen, ZoneId defaultZone) {
        this(owners, ownerOfPen, List.of(), defaultZone);
    }

    /**
     * @param devices the devices without Bluetooth, each with an owner among {@code owners}
     */
    public Household(List<Owner> owners, Map<String, String> ownerOfPen, List<Device> devices, ZoneId defaultZone) {
        Map<String, Owner> byId = new LinkedHashMap<>();
        owners.forEach(o -> byId.put(o.id(), o));
        if (byId.isEmpty()) {
            byId.put(Owner.DEFAULT_ID, new Owner(Owner.DEFAULT_ID, defaultZone));
        }
        this.owners = java.util.Collections.unmodifiableMap(byId);
        this.ownerOfPen = Map.copyOf(ownerOfPen);
        this.ownerOfPen.forEach((pen, owner) -> {
            if (!this.owners.containsKey(owner)) {
                throw new IllegalArgumentException(
                        "pen " + pen + " belongs to owner '" + owner + "', who is not listed");
            }
        });
        Map<String, Device> deviceById = new LinkedHashMap<>();
        for (Device device : devices) {
            if (!this.owners.containsKey(device.owner())) {
                throw new IllegalArgumentException(
                        "device " + device.id() + " belongs to owner '" + device.owner() + "', who is not listed");
            }
            if (deviceById.put(device.id(), device) != null) {
                throw new IllegalArgumentException("device " + device.id() + " is listed twice");
            }
        }
        this.devices = java.util.Collections.unmodifiableMap(deviceById);
        this.defaultZone = defaultZone;
    }

    /** One owner {@code me} in the given zone, every pen theirs. */
    public static Household single(ZoneId zone) {
        return new Household(List.of(), Map.of(), zone);
    }

    /** Whose the pen is: its mapped owner, else the first. */
    public Owner ownerOfPen(String serial) {
        String id = ownerOfPen.get(serial);
        return id != null ? owners.get(id) : firstOwner();
    }

    /** The first owner: whose a pen without an owner is. */
    public Owner firstOwner() {
        return owners.values().iterator().next();
    }

    public Optional<Owner> owner(String id) {
        return Optional.ofNullable(owners.get(id));
    }

    /**
     * The owner with this id; an owner found in the history but no longer configured is returned in
     * the default zone (and not added: the household does not change).
     */
    public Owner ownerOrDefault(String id) {
        Owner known = owners.get(id);
        return known != null ? known : new Owner(id, defaultZone);
    }

    public List<Owner> owners() {
        return List.copyOf(owners.values());
    }

    /** A device without Bluetooth, by its configured id. */
    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** The devices without Bluetooth, in the configuration's order. */
    public List<Device> devices() {
        return List.copyOf(devices.values());
    }

    public ZoneId zoneOf(String ownerId) {
        return ownerOrDefault(ownerId).zone();
    }

    /** The same people in the same order, pen owners, devices and default zone: nothing to tell anyone. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Household other
                && owners().equals(other.owners())
                && ownerOfPen.equals(other.ownerOfPen)
                && devices().equals(other.devices())
                && defaultZone.equals(other.defaultZone);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(owners(), ownerOfPen, devices(), defaultZone);
    }
}
