package io.needleguard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a history database holds, as counted in one read: its schema version and the rows of every
 * table. A backup or a restore is checked by counting the copy as the original was counted.
 *
 * @param rows rows per table, by table name, in name order
 */
public record HistoryContents(int schemaVersion, Map<String, Long> rows) {

    /** The tables every needleguard history has had since schema version 1. */
    static final List<String> REQUIRED = List.of("session", "finding", "condition", "owner", "pen_area", "outbox");

    public HistoryContents {
        rows = Map.copyOf(rows);
    }

    /** Counts, inside the caller's transaction if it has one (so in its snapshot). */
    static HistoryContents count(Connection c) throws SQLException {
        int version = Migrations.version(c);
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                rows.put(table, rs.getLong(1));
            }
        }
        return new HistoryContents(version, rows);
    }

    boolean isHistory() {
        return rows.keySet().containsAll(REQUIRED);
    }

    public long rows(String table) {
        return rows.getOrDefault(table, 0L);
    }

    /** {@code 34 sessions, 12 findings, 1 condition, 3 pens paired, 2 area choices, 0 MQTT messages waiting}. */
    public String describe() {
        return count(rows("session"), "session")
                + ", " + count(rows("finding"), "finding")
                + ", " + count(rows("condition"), "condition")
                + ", " + count(rows("paired_pen"), "pen") + " paired"
                + ", " + count(rows("pen_area"), "area choice")
                + ", " + count(rows("outbox"), "MQTT message") + " waiting";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
