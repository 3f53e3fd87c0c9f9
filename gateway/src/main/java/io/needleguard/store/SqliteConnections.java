package io.needleguard.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Connections to history files other than the gateway's own (a backup being made or checked, a file
 * to restore): no journal mode or schema is set, nothing is migrated.
 */
final class SqliteConnections {

    private SqliteConnections() {}

    static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5_000);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /**
     * Copies the whole database of {@code source} into {@code target} with SQLite's online backup, in
     * one step: in the read transaction {@code source} holds, if it holds one, so the copy is exactly the
     * snapshot it read. Writers in other processes go on meanwhile (WAL); a file copy of a live WAL
     * database could miss committed sessions or tear a page, this cannot.
     */
    static void backup(Connection source, Path target) throws SQLException {
        // -1: every page in one step, so no writer can slip between steps; 100 ms between busy retries, 50 tries.
        source.unwrap(SQLiteConnection.class).getDatabase().backup("main", target.toString(), null, 100, 50, -1);
    }

    /** {@code PRAGMA integrity_check}: "ok", or what is damaged (its first lines). */
    static String integrity(Connection c) throws SQLException {
        StringBuilder problems = new StringBuilder();
        try (var s = c.createStatement();
                var rs = s.executeQuery("PRAGMA integrity_check(5)")) {
            while (rs.next()) {
                if (problems.length() > 0) {
                    problems.append("; ");
                }
                problems.append(rs.getString(1));
            }
        }
        return problems.toString();
    }

    static boolean notADatabase(SQLException e) {
        int primary = e instanceof SQLiteException s ? s.getResultCode().code & 0xff : -1;
        return primary == (SQLiteErrorCode.SQLITE_NOTADB.code & 0xff)
                || primary == (SQLiteErrorCode.SQLITE_CORRUPT.code & 0xff);
    }
}
