package io.needleguard.outbox;

import io.needleguard.history.InMemoryTransactions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outbox port in memory, for tests (held to the SQLite adapter's semantics by the contract test). */
public final class MemoryOutbox implements Outbox, InMemoryTransactions.Part {

    private LinkedHashMap<Long, OutboundMessage> messages = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized void add(OutboundMessage message) {
        messages.put(nextId++, message);
    }

    @Override
    public synchronized List<Entry> oldest(int max) {
        List<Entry> entries = new ArrayList<>(Math.min(max, messages.size()));
        for (Map.Entry<Long, OutboundMessage> e : messages.entrySet()) {
            if (entries.size() == max) {
                break;
            }
            entries.add(new Entry(e.getKey(), e.getValue()));
        }
        return entries;
    }

    @Override
    public synchronized List<Entry> oldestAfter(long id, int max) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Long, OutboundMessage> e : messages.entrySet()) {
            if (entries.size() == max) {
                break;
            }
            if (e.getKey() > id) {
                entries.add(new Entry(e.getKey(), e.getValue()));
            }
        }
        return entries;
    }

    @Override
    public synchronized void acknowledge(long id) {
        messages.remove(id);
    }

    @Override
    public synchronized void acknowledge(Collection<Long> ids) {
        ids.forEach(messages::remove);
    }

    @Override
    public synchronized int size() {
        return messages.size();
    }

    /** Every message waiting, oldest first. */
    public synchronized List<OutboundMessage> waiting() {
        return List.copyOf(messages.values());
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(messages);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        messages = (LinkedHashMap<Long, OutboundMessage>) snapshot;
    }
}
