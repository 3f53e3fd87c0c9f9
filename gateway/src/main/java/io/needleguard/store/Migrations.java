package io.needleguard.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a history database to the schema this code expects, one numbered script at a time, each in
 * its own transaction. The version lives in SQLite's {@code user_version}. A later change adds
 * the next {@code V<n>__...sql} to the resources and one line to {@link #SCRIPTS}.
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** In order: the script at index i brings the schema from version i to i + 1. */
    static final List<String> SCRIPTS = List.of(
            "V1__history.sql",
            "V2__pairing.sql",
            "V3__device_discovery.sql",
            "V4__hand_entries.sql",
            "V5__outbox_size.sql",
            "V6__session_device_index.sql",
            "V7__household.sql",
            "V8__session_zone.sql",
            "V9__session_owner_change.sql");

    static int latest() {
        return SCRIPTS.size();
    }

    private Migrations() {}

    static void migrate(Connection connection, Path file) throws SQLException {
        int current = version(connection);
        if (current > latest()) {
            throw new StoreException("history database " + file + " has schema version " + current
                    + ", newer than this needleguard understands (" + latest()
                    + "); upgrade needleguard or point --data-dir elsewhere");
        }
        for (int version = current; version < latest(); version++) {
            String script = SCRIPTS.get(version);
            log.info("upgrading history database {} to schema version {} ({})", file, version + 1, script);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(script)) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + (version + 1));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery("PRAGMA user_version")) {
            return result.getInt(1);
        }
    }

    /** The script's statements: split on ';' at line ends, comments dropped (our scripts have no ';' in strings). */
    private static List<String> statements(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new StoreException("migration script " + script + " is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return java.util.Arrays.stream(text.split(";\\s*(\\n|$)"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new StoreException("cannot read migration script " + script, e);
        }
    }
}
