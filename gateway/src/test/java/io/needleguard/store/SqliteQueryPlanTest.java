package io.needleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries made for every session recorded or judged find their rows through an index: none scans
 * the session or finding table, which grow for as long as the gateway runs. Checked with SQLite's own
 * {@code EXPLAIN QUERY PLAN} on a database that holds sessions and findings.
 */
class SqliteQueryPlanTest {

    /** A full pass over one of the growing tables, under its name or its alias in our SQL. */
    private static final Pattern SCAN = Pattern.compile("\\bSCAN (session|finding|s|f)\\b");

    /** Each query with arguments of the right type; the plan does not depend on their values. */
    private static final Map<String, Object[]> PER_SESSION = Map.of(
            SqliteSessions.FIND_SQL, new Object[] {"P", 1L},
            SqliteSessions.OWNER_SESSIONS_SQL, new Object[] {"me", 0L, 1L},
            SqliteSessions.OWNER_TIMELINE_SQL, new Object[] {"me", 0L, 1L},
            SqliteSessions.CARTRIDGE_USES_SQL, new Object[] {"C-1"},
            SqliteSessions.DEVICE_USES_SQL, new Object[] {"roller-1"},
            SqliteSessions.LAST_COUNTER_SQL, new Object[] {"P"},
            SqliteSessions.DELETE_FINDINGS_SQL, new Object[] {"P", 1L});

    @TempDir
    Path dir;

    private SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        List<Finding> findings = List.of(new Finding("spacing.min-interval", Severity.WARNING, "m", "s", null));
        store.database().atomically(() -> {
            for (int i = 1; i <= 200; i++) {
                Instant start = Instant.parse("2026-01-01T19:00:00Z").plusSeconds(3_600L * i);
                store.sessions()
                        .add(
                                new Session(
                                        new SessionId("P" + (i % 3), i),
                                        i % 2 == 0 ? "me" : "you",
                                        Area.CHEEKS,
                                        Depth.ofMm("0.5"),
                                        120,
                                        start,
                                        start.plusSeconds(600),
                                        i % 5 == 0 ? "" : "C-" + i / 2),
                                findings,
                                start);
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void perSessionQueriesUseAnIndex() {
        PER_SESSION.forEach((sql, args) -> {
            String plan = plan(sql, args);
            assertTrue(!SCAN.matcher(plan).find(), () -> "scans a growing table:\n" + sql + "\n" + plan);
        });
    }

    /** The check sees a scan when there is one: the cartridge lookup as it was, with a parameter alone. */
    @Test
    void aQueryThatScansIsCaught() {
        String before = "SELECT s.pen FROM session s WHERE s.cartridge = ? ORDER BY s.start_s, s.pen, s.counter";
        assertTrue(SCAN.matcher(plan(before, "C-1")).find(), plan(before, "C-1"));
        assertTrue(SCAN.matcher(plan("SELECT COUNT(*) FROM finding")).find());
    }

    /** The cartridge lookup with its literal still finds exactly the uses of one cartridge, and never ''. */
    @Test
    void theCartridgeLookupFindsItsUses() {
        assertEquals(2, store.sessions().cartridgeUses("C-1").size());
        assertEquals(List.of(), store.sessions().cartridgeUses(""));
    }

    private String plan(String sql, Object... args) {
        return store.database().read("explain", c -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                SqliteDatabase.bind(explain, args);
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString("detail"));
                    }
                }
            }
            return String.join("\n", lines);
        });
    }
}
