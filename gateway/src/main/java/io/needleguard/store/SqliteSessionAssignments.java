package io.needleguard.store;

import io.needleguard.history.Reassignment;
import io.needleguard.history.SessionAssignments;
import io.needleguard.session.SessionId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Each change of a session's owner, in the history database (table session_owner_change, V9). */
final class SqliteSessionAssignments implements SessionAssignments {

    private static final String LATEST = "SELECT pen, counter, previous_owner, changed_at_ms FROM session_owner_change"
            + " WHERE id IN (SELECT max(id) FROM session_owner_change GROUP BY pen, counter)";

    private final SqliteDatabase db;

    SqliteSessionAssignments(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void add(Reassignment change) {
        db.write("keep the change of owner of session " + change.session(), c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO session_owner_change"
                    + " (pen, counter, previous_owner, changed_at_ms) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, SessionRows.penKey(change.session()));
                insert.setLong(2, SessionRows.counterKey(change.session()));
                insert.setString(3, change.previousOwner());
                insert.setLong(4, change.changedAt().toEpochMilli());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Reassignment> latest(SessionId session) {
        return db.read("read the changes of owner of session " + session, c -> {
            try (PreparedStatement select = c.prepareStatement(LATEST + " AND pen = ? AND counter = ?")) {
                select.setString(1, SessionRows.penKey(session));
                select.setLong(2, SessionRows.counterKey(session));
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(change(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Map<SessionId, Reassignment> latestOfEach() {
        return db.read("read the changes of sessions' owners", c -> {
            Map<SessionId, Reassignment> changes = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement(LATEST);
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Reassignment change = change(rs);
                    changes.put(change.session(), change);
                }
            }
            return changes;
        });
    }

    private static Reassignment change(ResultSet rs) throws SQLException {
        return new Reassignment(
                SessionRows.id(rs.getString("pen"), rs.getLong("counter")),
                rs.getString("previous_owner"),
                Instant.ofEpochMilli(rs.getLong("changed_at_ms")));
    }
}
