package io.needleguard.pairing;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pairings kept in memory: for simulations and tests that have no history database. */
public final class MemoryPairedPens implements PairedPens {

    private final Map<String, PairedPen> pens = new LinkedHashMap<>();
    private final Map<List<String>, RefusedDevice> refused = new LinkedHashMap<>();

    @Override
    public synchronized List<PairedPen> pairedPens() {
        return pens.values().stream()
                .sorted(Comparator.comparing(PairedPen::serial))
                .toList();
    }

    @Override
    public synchronized void pair(PairedPen pen) {
        pens.put(pen.serial(), pen);
    }

    @Override
    public synchronized boolean forget(String serial) {
        return pens.remove(serial) != null;
    }

    @Override
    public synchronized void refused(String serial, String address, Instant at) {
        refused.merge(
                List.of(serial, address),
                new RefusedDevice(serial, address, at, at, 1),
                (old, now) -> new RefusedDevice(serial, address, old.firstSeen(), at, old.times() + 1));
    }

    @Override
    public synchronized List<RefusedDevice> refusedDevices() {
        return refused.values().stream()
                .sorted(Comparator.comparing(RefusedDevice::lastSeen).reversed())
                .toList();
    }
}
