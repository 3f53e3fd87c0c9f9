package io.needleguard.store;

import io.needleguard.history.PersonErasure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Erases a person from the history database. With SQLite's {@code secure_delete} on for the deletes,
 * what is deleted is overwritten with zeros, not only unlinked (a deleted row otherwise stays readable
 * in free pages until they are reused); {@link #scrub} then carries that into the database file.
 */
final class SqlitePersonErasure implements PersonErasure {

    private final SqliteDatabase db;

    SqlitePersonErasure(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Erased erase(String owner, Set<String> pens) {
        return db.write("erase " + owner + " from the history", c -> {
            // On for the rest of this connection (the erase command's): what the same unit of work deletes
            // after this (their messages waiting in the outbox, the findings others had about them) is
            // overwritten too.
            pragma(c, "PRAGMA secure_delete = ON");
            int findings = count(
                    c,
                    "SELECT COUNT(*) FROM finding f JOIN session s ON s.pen = f.pen AND s.counter = f.counter"
                            + " WHERE s.owner = ?",
                    owner);
            int sessions = update(c, "DELETE FROM session WHERE owner = ?", owner); // findings cascade
            int conditions = update(c, "DELETE FROM condition WHERE owner = ?", owner);
            update(c, "DELETE FROM owner WHERE id = ?", owner);
            // Sessions given from them to someone else stay the other person's, without their name.
            update(c, "DELETE FROM session_owner_change WHERE previous_owner = ?", owner);
            int areas = 0;
            for (String pen : pens) {
                areas += update(c, "DELETE FROM pen_area WHERE pen = ?", pen);
            }
            return new Erased(sessions, findings, conditions, areas);
        });
    }

    /**
     * Rebuilds the file ({@code VACUUM}, its scratch copy in memory, not in a temporary file) and empties
     * the write-ahead log: what earlier ordinary deletes left in free pages (MQTT messages about them
     * the broker acknowledged long ago) is gone too, not only what the erase overwrote.
     */
    @Override
    public void scrub() {
        // On a connection of its own: the store's keeps prepared statements, and SQLite rebuilds a file
        // only on a connection with none in progress.
        try (Connection c = SqliteConnections.open(db.file());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA secure_delete = ON");
            s.execute("PRAGMA temp_store = MEMORY");
            s.execute("VACUUM");
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
            }
        } catch (SQLException e) {
            throw db.failed("rebuild the history file after the erase", e);
        }
    }

    private static void pragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int update(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            return p.executeUpdate();
        }
    }

    private static int count(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            try (ResultSet rs = p.executeQuery()) {
                return rs.getInt(1);
            }
        }
    }
}
