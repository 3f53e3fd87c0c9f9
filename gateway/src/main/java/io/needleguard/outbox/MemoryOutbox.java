package io.needleguard.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outbox in memory, bounded. Survives broker outages but not a restart of the gateway: every
 * session is in the history regardless, and what it misses on MQTT is logged.
 */
public final class MemoryOutbox implements Outbox {

    private final int capacity;
    private final Map<Long, OutboundMessage> messages = new LinkedHashMap<>();
    private long nextId = 1;

    public MemoryOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an outbox holds at least one message, not " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean add(OutboundMessage message) {
        if (messages.size() >= capacity) {
            return false;
        }
        messages.put(nextId++, message);
        return true;
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
    public synchronized void acknowledge(long id) {
        messages.remove(id);
    }

    @Override
    public synchronized int size() {
        return messages.size();
    }
}
