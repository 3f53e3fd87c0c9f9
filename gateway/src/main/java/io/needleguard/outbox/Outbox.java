package io.needleguard.outbox;

import java.util.Collection;
import java.util.List;

/**
 * Messages to publish, kept until the broker has acknowledged them. The publisher drains it in order
 * and re-sends what was not acknowledged when a connection drops, so delivery is at least once. The
 * SQLite store keeps it in the history database, written in the same transaction as the data a message
 * reports.
 */
public interface Outbox {

    /** A stored message and the id to acknowledge it with. */
    record Entry(long id, OutboundMessage message) {}

    /** Adds a message, in the surrounding unit of work if there is one. */
    void add(OutboundMessage message);

    /** The oldest {@code max} messages not yet acknowledged, oldest first. */
    List<Entry> oldest(int max);

    /**
     * The oldest {@code max} messages not yet acknowledged whose id is greater than {@code id}, oldest
     * first: the publisher reads ahead in batches, from where its last batch ended.
     */
    List<Entry> oldestAfter(long id, int max);

    void acknowledge(long id);

    /** Removes every message in {@code ids}, together (one commit for the lot); unknown ids are ignored. */
    void acknowledge(Collection<Long> ids);

    /** How many messages wait; kept, not counted, so it is cheap whatever the backlog. */
    int size();
}
