package io.needleguard.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What Home Assistant was told, in memory, for tests (held to the SQLite adapter's semantics by the contract test). */
public final class MemoryAnnouncedDevices implements AnnouncedDevices {

    private final Map<String, Device> devices = new TreeMap<>();
    private final Map<String, Identity> identities = new HashMap<>();
    private final Map<String, Legacy> legacy = new TreeMap<>();

    /** A pen the first versions announced one entity at a time. */
    public synchronized void announcedTheOldWay(String serial) {
        legacy.put(serial, Legacy.ANNOUNCED);
    }

    @Override
    public synchronized Map<String, Device> devices() {
        return new TreeMap<>(devices);
    }

    @Override
    public synchronized void announced(Device device) {
        devices.put(device.id(), device);
    }

    @Override
    public synchronized void withdrawn(String id) {
        devices.remove(id);
    }

    @Override
    public synchronized Optional<Identity> identity(String serial) {
        return Optional.ofNullable(identities.get(serial));
    }

    @Override
    public synchronized void identified(Identity identity) {
        identities.put(identity.serial(), identity);
    }

    @Override
    public synchronized Map<String, Legacy> legacyPens() {
        return new TreeMap<>(legacy);
    }

    @Override
    public synchronized void legacyMigrated(String serial) {
        legacy.computeIfPresent(serial, (s, was) -> Legacy.MIGRATED);
    }

    @Override
    public synchronized void legacyCleared(String serial) {
        legacy.remove(serial);
    }
}
