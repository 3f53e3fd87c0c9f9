package io.needleguard.outbox;

import java.util.Set;
import java.util.TreeSet;

/** The announced-pens port in memory, for tests (held to the SQLite adapter's semantics by the contract test). */
public final class MemoryAnnouncedPens implements AnnouncedPens {

    private final Set<String> pens = new TreeSet<>();

    @Override
    public synchronized Set<String> announced() {
        return new TreeSet<>(pens);
    }

    @Override
    public synchronized void markAnnounced(String pen) {
        pens.add(pen);
    }

    @Override
    public synchronized void markWithdrawn(String pen) {
        pens.remove(pen);
    }
}
