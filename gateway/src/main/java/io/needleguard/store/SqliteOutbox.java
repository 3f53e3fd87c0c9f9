package io.needleguard.store;

import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The MQTT outbox in the history database: a message written in the same transaction as the session
 * or findings it reports is stored with them or not at all, and survives restarts until acknowledged.
 */
final class SqliteOutbox implements Outbox {

    private final SqliteDatabase db;

    SqliteOutbox(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void add(OutboundMessage message) {
        db.write("queue an MQTT message", c -> {
            PreparedStatement insert =
                    db.prepared("INSERT INTO outbox (topic, payload, qos, retained) VALUES (?, ?, ?, ?)");
            insert.setString(1, message.topic());
            insert.setBytes(2, message.payload());
            insert.setInt(3, message.qos());
            insert.setInt(4, message.retained() ? 1 : 0);
            return insert.executeUpdate();
        });
    }

    @Override
    public List<Entry> oldest(int max) {
        return oldestAfter(0, max);
    }

    @Override
    public List<Entry> oldestAfter(long id, int max) {
        return db.read("read the MQTT outbox", c -> {
            List<Entry> entries = new ArrayList<>();
            PreparedStatement select = db.prepared(
                    "SELECT id, topic, payload, qos, retained FROM outbox WHERE id > ? ORDER BY id LIMIT ?");
            select.setLong(1, id);
            select.setInt(2, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(
                            rs.getLong("id"),
                            new OutboundMessage(
                                    rs.getString("topic"),
                                    rs.getBytes("payload"),
                                    rs.getInt("qos"),
                                    rs.getInt("retained") == 1)));
                }
            }
            return entries;
        });
    }

    @Override
    public void acknowledge(long id) {
        acknowledge(List.of(id));
    }

    @Override
    public void acknowledge(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.write("remove delivered MQTT messages", c -> {
            PreparedStatement delete = db.prepared("DELETE FROM outbox WHERE id = ?");
            delete.clearBatch();
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            return delete.executeBatch().length;
        });
    }

    /** Kept by triggers in the same transactions as the rows (schema version 5), so it is one row to read. */
    @Override
    public int size() {
        return db.read("count the MQTT outbox", c -> {
            try (ResultSet rs = db.prepared("SELECT n FROM outbox_size").executeQuery()) {
                return rs.getInt(1);
            }
        });
    }
}
