package io.needleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.outbox.AnnouncedDevices;
import io.needleguard.pairing.PairedPen;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema upgrades: a history written by an older needleguard keeps its sessions and findings. */
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
            s.execute("INSERT INTO finding (pen, counter, position, rule, severity, message, source, next_safe_at_s)"
                    + " VALUES ('PEN-1', 7, 0, 'spacing.min-interval', 'warning', 'too soon', '[P]', 1767999600)");
            s.execute("INSERT INTO announced_pen (pen) VALUES ('PEN-1')");
            s.execute(
                    "INSERT INTO outbox (topic, payload, qos, retained) VALUES ('needleguard/PEN-1/session', x'7b7d', 1, 0)");
        }

        try (SqliteStore store = SqliteStore.open(dir)) {
            // Version 4 rebuilt the session and finding tables: every field and finding is still there.
            RecordedSession kept = store.sessions().list(HistoryQuery.all()).get(0);
            assertEquals(
                    new Session(
                                    new SessionId("PEN-1", 7),
                                    "me",
                                    Area.CHEEKS,
                                    Depth.ofMm("0.25"),
                                    120,
                                    Instant.ofEpochSecond(1767639600),
                                    Instant.ofEpochSecond(1767640200),
                                    "C-7")
                            .inZone(java.time.ZoneId.of("Europe/Berlin")),
                    kept.session(),
                    "version 8 gave it its owner's zone");
            assertEquals(
                    List.of(new Finding(
                            "spacing.min-interval",
                            Severity.WARNING,
                            "too soon",
                            "[P]",
                            Instant.ofEpochSecond(1767999600))),
                    kept.findings());
            assertEquals(Instant.ofEpochMilli(1767640201000L), kept.recordedAt());
            assertEquals(1, store.outbox().size(), "the kept count starts from the messages already waiting");
            assertEquals(
                    new io.needleguard.session.SessionId("PEN-1", 7),
                    store.sessions().lastSession("PEN-1").orElseThrow());
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
            assertEquals(9, Migrations.latest());
        }
    }

    @Test
    void anUpgradedHistoryTakesSessionsLoggedByHandAndStillGuardsItsForeignKeys() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            SessionId id = store.history()
                    .transactions()
                    .atomically(() -> store.sessions().newHandEntryId());
            Session byHand = Session.loggedByHand(
                    id, "me", Area.NOSE, Depth.ofMm("0.25"), T1, Optional.empty(), "", Optional.of("roller-1"));
            store.sessions().add(byHand, List.of(), T1);
            assertEquals(byHand, store.sessions().find(id).orElseThrow().session());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDatabase.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            // A finding of no session, and a pen's session without what a pen measures, are refused.
            assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO finding (pen, counter, position, rule, severity, message, source)"
                            + " VALUES ('NOPE', 1, 0, 'r', 'info', 'm', 's')"));
            assertThrows(
                    SQLException.class,
                    () -> s.execute(
                            "INSERT INTO session (pen, counter, owner, area, depth_hundredths, start_s, cartridge,"
                                    + " recorded_at_ms) VALUES ('PEN-2', 1, 'me', 'nose', 25, 1, '', 1)"));
        }
    }

    @Test
    void aVersion7HistoryGivesEachSessionItsOwnersZoneAsTheHistoryKnowsItAndNoneWhenNothingSays() throws Exception {
        Path file = dir.resolve(SqliteDatabase.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (String script : Migrations.SCRIPTS.subList(0, 7)) {
                for (String sql : statements(script)) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = 7");
            // alex: the zone the gateway last saved; sam: only added in the household; kim: nowhere.
            s.execute("INSERT INTO owner (id, zone) VALUES ('alex', 'Europe/Berlin')");
            s.execute("INSERT INTO person (id, name, zone, added) VALUES ('alex', 'Alex', 'Asia/Tokyo', 1)");
            s.execute("INSERT INTO person (id, name, zone, added) VALUES ('sam', 'Sam', 'America/New_York', 2)");
            for (String row : List.of("'A', 1, 'alex'", "'S', 1, 'sam'", "'K', 1, 'kim'")) {
                s.execute("INSERT INTO session (pen, counter, owner, area, depth_hundredths, stroke_hz, start_s, end_s,"
                        + " cartridge, recorded_at_ms) VALUES (" + row + ", 'cheeks', 25, 120, 1767639600, 1767640200,"
                        + " '', 1767640201000)");
            }
        }

        try (SqliteStore store = SqliteStore.open(dir)) {
            Map<String, Optional<java.time.ZoneId>> zones = new java.util.TreeMap<>();
            store.sessions()
                    .list(HistoryQuery.all())
                    .forEach(r -> zones.put(r.session().owner(), r.session().zone()));
            assertEquals(
                    Map.of(
                            "alex", Optional.of(java.time.ZoneId.of("Europe/Berlin")),
                            "sam", Optional.of(java.time.ZoneId.of("America/New_York")),
                            "kim", Optional.empty()),
                    zones);
        }
    }

    private static List<String> version1Statements() throws Exception {
        return statements("V1__history.sql");
    }

    private static List<String> statements(String script) throws Exception {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return java.util.Arrays.stream(text.split(";\\s*(\\n|$)"))
                    .map(String::strip)
                    .filter(sql -> !sql.isEmpty())
                    .toList();
        }
    }
}
