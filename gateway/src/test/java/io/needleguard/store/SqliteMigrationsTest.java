package io.needleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.history.HistoryQuery;
import io.needleguard.outbox.AnnouncedDevices;
import io.needleguard.pairing.PairedPen;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema upgrades: a history written by an older needleguard keeps its sessions. */
class SqliteMigrationsTest {

    private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aVersion1HistoryIsUpgradedWithItsSessionsKept() throws Exception {
        Path file = dir.resolve(SqliteDatabase.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (String sql : version1Statements()) {
                s.execute(sql);
            }
            s.execute("PRAGMA user_version = 1");
            s.execute("INSERT INTO owner (id, zone) VALUES ('me', 'Europe/Berlin')");
            s.execute(
                    "INSERT INTO session (pen, counter, owner, area, depth_hundredths, stroke_hz, start_s, end_s, cartridge, "
                            + "recorded_at_ms) VALUES ('PEN-1', 7, 'me', 'cheeks', 25, 120, 1767639600, 1767640200, 'C-7', 1767640201000)");
            s.execute("INSERT INTO announced_pen (pen) VALUES ('PEN-1')");
            s.execute(
                    "INSERT INTO outbox (topic, payload, qos, retained) VALUES ('needleguard/PEN-1/session', x'7b7d', 1, 0)");
        }

        try (SqliteStore store = SqliteStore.open(dir)) {
            assertEquals(1, store.sessions().list(HistoryQuery.all()).size());
            assertEquals(1, store.outbox().size(), "the kept count starts from the messages already waiting");
            assertEquals(7, store.sessions().lastCounter("PEN-1").orElseThrow());
            store.pairings().pair(new PairedPen("PEN-1", "C0:00:00:00:00:01", T1));
            assertEquals(1, store.pairings().pairedPens().size());
            // Announced one entity at a time: it moves to device discovery keeping its entities.
            assertEquals(
                    Map.of("PEN-1", AnnouncedDevices.Legacy.ANNOUNCED),
                    store.announced().legacyPens());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet version = s.executeQuery("PRAGMA user_version")) {
            assertEquals(Migrations.latest(), version.getInt(1));
            assertEquals(4, Migrations.latest());
        }
    }

    private static List<String> version1Statements() throws Exception {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/V1__history.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return java.util.Arrays.stream(text.split(";\\s*(\\n|$)"))
                    .map(String::strip)
                    .filter(sql -> !sql.isEmpty())
                    .toList();
        }
    }
}
