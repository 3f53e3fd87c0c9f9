package io.needleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.pairing.PairedPen;
import io.needleguard.pairing.RefusedDevice;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairings and refused devices in the history database, and the schema upgrade that brought them. */
class SqlitePairingTest {

    private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-03T18:30:00Z");

    @TempDir
    Path dir;

    @Test
    void aPairingSurvivesReopeningAndPairingAgainReplacesTheAddress() {
        try (SqliteHistory history = SqliteHistory.open(dir)) {
            history.pair(new PairedPen("PEN-1", "c0:00:00:00:00:01", T1));
            history.pair(new PairedPen("PEN-2", "C0:00:00:00:00:02", T1));
        }
        try (SqliteHistory history = SqliteHistory.open(dir)) {
            assertEquals(List.of(new PairedPen("PEN-1", "C0:00:00:00:00:01", T1), new PairedPen("PEN-2", "C0:00:00:00:00:02", T1)),
                    history.pairedPens());
            history.pair(new PairedPen("PEN-1", "C0:00:00:00:00:11", T2));
            assertEquals(new PairedPen("PEN-1", "C0:00:00:00:00:11", T2), history.pairedPen("PEN-1").orElseThrow());
            assertEquals(2, history.pairedPens().size());
        }
    }

    @Test
    void forgettingSaysWhetherThePenWasPaired() {
        try (SqliteHistory history = SqliteHistory.open(dir)) {
            history.pair(new PairedPen("PEN-1", "C0:00:00:00:00:01", T1));
            assertTrue(history.forget("PEN-1"));
            assertFalse(history.forget("PEN-1"));
            assertFalse(history.forget("NEVER-PAIRED"));
            assertEquals(List.of(), history.pairedPens());
        }
    }

    @Test
    void aRefusedDeviceIsCountedWithItsFirstAndLastSighting() {
        try (SqliteHistory history = SqliteHistory.open(dir)) {
            history.refused("PEN-1", "C0:00:00:00:00:66", T1);
            history.refused("PEN-1", "C0:00:00:00:00:66", T2);
            history.refused("PEN-1", "C0:00:00:00:00:77", T1);
        }
        try (SqliteHistory history = SqliteHistory.open(dir)) {
            assertEquals(List.of(new RefusedDevice("PEN-1", "C0:00:00:00:00:66", T1, T2, 2),
                    new RefusedDevice("PEN-1", "C0:00:00:00:00:77", T1, T1, 1)), history.refusedDevices());
        }
    }

    @Test
    void aVersion1HistoryIsUpgradedWithItsSessionsKept() throws Exception {
        Path file = dir.resolve(SqliteHistory.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            for (String sql : version1Statements()) {
                s.execute(sql);
            }
            s.execute("PRAGMA user_version = 1");
            s.execute("INSERT INTO owner (id, zone) VALUES ('me', 'Europe/Berlin')");
            s.execute("INSERT INTO session (pen, counter, owner, area, depth_hundredths, stroke_hz, start_s, end_s, cartridge, "
                    + "recorded_at_ms) VALUES ('PEN-1', 7, 'me', 'cheeks', 25, 120, 1767639600, 1767640200, 'C-7', 1767640201000)");
        }

        try (SqliteHistory history = SqliteHistory.open(dir)) {
            assertEquals(1, history.list(HistoryQuery.all()).size());
            assertEquals(7, history.lastCounter("PEN-1").orElseThrow());
            history.pair(new PairedPen("PEN-1", "C0:00:00:00:00:01", T1));
            assertEquals(1, history.pairedPens().size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet version = s.executeQuery("PRAGMA user_version")) {
            assertEquals(Migrations.latest(), version.getInt(1));
            assertEquals(2, Migrations.latest());
        }
    }

    private static List<String> version1Statements() throws Exception {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/V1__history.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return java.util.Arrays.stream(text.split(";\\s*(\\n|$)")).map(String::strip).filter(sql -> !sql.isEmpty()).toList();
        }
    }
}
