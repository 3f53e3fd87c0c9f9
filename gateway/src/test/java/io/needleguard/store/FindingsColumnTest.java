package io.needleguard.store;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's findings come back from the history exactly as they were stored, whatever their text holds. */
class FindingsColumnTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everyFieldComesBackExactlyWhateverItsTextHolds() {
        List<Finding> findings = List.of(
                new Finding("spacing.min-interval", Severity.WARNING, "12:30 wait: 28 days", "[P]", NOW),
                new Finding("depth.area-limit", Severity.CRITICAL, "Zoë's cheeks 1.50 mm ✓ 🙂", "9:", null),
                new Finding("condition.active", Severity.INFO, "", "", Instant.ofEpochSecond(-86_400)),
                new Finding("x", Severity.INFO, "line one\nline two\u0000\u001f\u001e, 'quoted' \"too\"", "s", null));
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"))) {
            Session session = session("SIM-0001", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-1");
            store.sessions().add(session, findings, NOW);
            store.sessions()
                    .add(session("SIM-0001", 2, "2026-01-06T18:00:00Z", Area.CHEEKS, "0.5", "C-2"), List.of(), NOW);

            List<RecordedSession> listed = store.sessions().list(HistoryQuery.all());
            assertEquals(findings, listed.get(0).findings());
            assertEquals(List.of(), listed.get(1).findings());
            assertEquals(
                    findings, store.sessions().find(session.id()).orElseThrow().findings());
        }
    }

    @Test
    void findingsComeBackInTheirOrderNotTheOrderTheyWereWritten() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"))) {
            store.sessions()
                    .add(session("SIM-0001", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-1"), List.of(), NOW);
        }
        Path file = dir.resolve("data").resolve(SqliteDatabase.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO finding VALUES ('SIM-0001', 1, 2, 'b', 'info', 'second', 's', NULL)");
            s.executeUpdate("INSERT INTO finding VALUES ('SIM-0001', 1, 1, 'a', 'warning', 'first', 's', 10)");
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"))) {
            List<Finding> read =
                    store.sessions().list(HistoryQuery.all()).get(0).findings();
            assertEquals(List.of("a", "b"), read.stream().map(Finding::rule).toList());
            assertEquals(Instant.ofEpochSecond(10), read.get(0).nextSafeAt());
        }
    }

    @Test
    void bytesThatAreNotAFindingsColumnAreRefusedNotMisread() {
        for (String damaged : List.of("4:rule", "x:rule", ":", "99:short", "1:a1:b")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> FindingsColumn.decode(damaged.getBytes(StandardCharsets.UTF_8)),
                    damaged);
        }
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> FindingsColumn.decode("1:a6:urgent1:m1:s0:".getBytes(StandardCharsets.UTF_8)));
        assertTrue(unknown.getMessage().contains("urgent"), unknown.getMessage());
    }
}
