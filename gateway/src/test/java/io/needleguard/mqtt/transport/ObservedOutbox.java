package io.needleguard.mqtt.transport;

import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A test's outbox in memory, with {@code beforeDelete} run on each commit of deletes: it may record the
 * commit, block it (acknowledged messages stay in the outbox meanwhile) or throw (a full disk).
 */
final class ObservedOutbox implements Outbox {

    private final MemoryOutbox messages;
    private final Consumer<List<Long>> beforeDelete;

    ObservedOutbox(MemoryOutbox messages, Consumer<List<Long>> beforeDelete) {
        this.messages = messages;
        this.beforeDelete = beforeDelete;
    }

    @Override
    public void add(OutboundMessage message) {
        messages.add(message);
    }

    @Override
    public List<Entry> oldest(int max) {
        return messages.oldest(max);
    }

    @Override
    public List<Entry> oldestAfter(long id, int max) {
        return messages.oldestAfter(id, max);
    }

    @Override
    public void acknowledge(long id) {
        acknowledge(List.of(id));
    }

    @Override
    public void acknowledge(Collection<Long> ids) {
        beforeDelete.accept(List.copyOf(ids));
        messages.acknowledge(ids);
    }

    @Override
    public int size() {
        return messages.size();
    }
}
