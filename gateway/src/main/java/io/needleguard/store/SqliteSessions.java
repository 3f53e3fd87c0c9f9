package io.needleguard.store;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SessionHistory;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Sessions with their findings, and the owners' time zones, in the history database. A session logged
 * by hand is stored with the pen {@code ''} (no serial is empty) and its entry number as its counter;
 * what nobody measured (its stroke rate, an end without a duration) is NULL.
 *
 * <p>A pen's counter is 32 bits (pen profile); the generation of a pen whose counter started again is
 * kept above them in the same column: {@code counter = generation * 2^32 + the pen's counter}. Sessions
 * of generation 0, every one stored before generations existed among them, keep their rows as they are,
 * and the key (pen, counter) and the findings' foreign key stay as they are: no schema change.
 */
final class SqliteSessions implements SessionHistory {

    private static final String SESSION_COLUMNS =
            "s.pen, s.counter, s.owner, s.area, s.depth_hundredths, s.stroke_hz, s.start_s, s.end_s, s.cartridge,"
                    + " s.recorded_at_ms, s.device";
    private static final String TIMELINE = " ORDER BY s.start_s, s.pen, s.counter";

    /**
     * Sessions with their findings, one row each: the sessions found through their own indexes, each
     * one's findings by the finding table's primary key, never by scanning it (see {@link FindingsColumn}).
     */
    private static final String WITH_FINDINGS =
            "SELECT " + SESSION_COLUMNS + ", " + FindingsColumn.SQL + " AS findings FROM session s";

    // The queries recording and judging a session make, each with its index (SqliteQueryPlanTest holds
    // them to it: none may scan the session or finding table, which grow without end).
    static final String FIND_SQL = WITH_FINDINGS + " WHERE s.pen = ? AND s.counter = ?" + TIMELINE;
    static final String OWNER_SESSIONS_SQL =
            WITH_FINDINGS + " WHERE s.owner = ? AND s.start_s >= ? AND s.start_s < ?" + TIMELINE;
    static final String OWNER_TIMELINE_SQL = "SELECT " + SESSION_COLUMNS
            + " FROM session s WHERE s.owner = ? AND s.start_s >= ? AND s.start_s < ?" + TIMELINE;
    /**
     * The literal {@code cartridge <> ''} lets SQLite use the partial index {@code session_cartridge}:
     * with a bound parameter alone it cannot prove the parameter is not '' and scans instead.
     */
    static final String CARTRIDGE_USES_SQL =
            "SELECT " + SESSION_COLUMNS + " FROM session s WHERE s.cartridge = ? AND s.cartridge <> ''" + TIMELINE;
    /** The literal lets SQLite use the partial index {@code session_device}, as for cartridges. */
    static final String DEVICE_USES_SQL =
            "SELECT " + SESSION_COLUMNS + " FROM session s WHERE s.device = ? AND s.device IS NOT NULL" + TIMELINE;

    /** The highest key is the pen's latest generation's highest counter. */
    static final String LAST_COUNTER_SQL = "SELECT MAX(counter) FROM session WHERE pen = ?";

    static final String INSERT_SQL =
            "INSERT INTO session (owner, area, depth_hundredths, stroke_hz, start_s, end_s, cartridge, device, pen,"
                    + " counter, recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    static final String INSERT_FINDING_SQL =
            "INSERT INTO finding (pen, counter, position, rule, severity, message, source, next_safe_at_s)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String DELETE_FINDINGS_SQL = "DELETE FROM finding WHERE pen = ? AND counter = ?";

    private final SqliteDatabase db;

    SqliteSessions(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<RecordedSession> find(SessionId id) {
        return query(FIND_SQL, penKey(id), counterKey(id)).stream().findFirst();
    }

    @Override
    public boolean add(Session session, List<Finding> findings, Instant recordedAt) {
        return db.write("store session " + session.id(), c -> {
            PreparedStatement insert = db.prepared(INSERT_SQL);
            bindFacts(insert, session);
            insert.setLong(11, recordedAt.toEpochMilli());
            if (insert.executeUpdate() == 0) {
                return false;
            }
            insertFindings(session.id(), findings);
            return true;
        });
    }

    /**
     * Binds what is known of a session to parameters 1 to 10: owner, area, depth, stroke rate, start,
     * end, cartridge, device, then its key (pen, counter).
     */
    private static void bindFacts(PreparedStatement statement, Session session) throws SQLException {
        statement.setString(1, session.owner());
        statement.setString(2, session.area().id());
        statement.setInt(3, session.depth().hundredthsMm());
        if (session.strokeHz().isPresent()) {
            statement.setInt(4, session.strokeHz().getAsInt());
        } else {
            statement.setNull(4, Types.INTEGER);
        }
        statement.setLong(5, session.start().getEpochSecond());
        if (session.end().isPresent()) {
            statement.setLong(6, session.end().get().getEpochSecond());
        } else {
            statement.setNull(6, Types.INTEGER);
        }
        statement.setString(7, session.cartridge());
        statement.setString(8, session.device().orElse(null));
        statement.setString(9, penKey(session.id()));
        statement.setLong(10, counterKey(session.id()));
    }

    /** The pen column of a session: its serial, or '' for a hand entry. */
    static String penKey(SessionId id) {
        return id.pen().orElse("");
    }

    /** The counter column of a session: its generation above the pen's 32-bit counter. */
    static long counterKey(SessionId id) {
        return (id.generation() << 32) | id.counter();
    }

    static SessionId id(String pen, long counterKey) {
        return pen.isEmpty()
                ? SessionId.handEntry(counterKey)
                : new SessionId(pen, counterKey >>> 32, counterKey & SessionId.MAX_COUNTER);
    }

    @Override
    public SessionId newHandEntryId() {
        return db.write("number a hand entry", c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO hand_entry (deleted_at_ms) VALUES (NULL)", Statement.RETURN_GENERATED_KEYS)) {
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return SessionId.handEntry(keys.getLong(1));
                }
            }
        });
    }

    @Override
    public boolean update(Session session) {
        return db.write("correct session " + session.id(), c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE session SET owner = ?, area = ?, depth_hundredths = ?, stroke_hz = ?, start_s = ?, end_s = ?,"
                            + " cartridge = ?, device = ? WHERE pen = ? AND counter = ?")) {
                bindFacts(update, session);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean delete(SessionId id, Instant at) {
        return db.write("delete session " + id, c -> {
            // Its findings go with it (ON DELETE CASCADE).
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM session WHERE pen = ? AND counter = ?")) {
                delete.setString(1, penKey(id));
                delete.setLong(2, counterKey(id));
                if (delete.executeUpdate() == 0) {
                    return false;
                }
            }
            if (id.isHandEntry()) {
                try (PreparedStatement mark =
                        c.prepareStatement("UPDATE hand_entry SET deleted_at_ms = ? WHERE number = ?")) {
                    mark.setLong(1, at.toEpochMilli());
                    mark.setLong(2, id.counter());
                    mark.executeUpdate();
                }
            }
            return true;
        });
    }

    @Override
    public void replaceFindings(SessionId id, List<Finding> findings) {
        db.write("update the findings of session " + id, c -> {
            PreparedStatement delete = db.prepared(DELETE_FINDINGS_SQL);
            delete.setString(1, penKey(id));
            delete.setLong(2, counterKey(id));
            delete.executeUpdate();
            insertFindings(id, findings);
            return null;
        });
    }

    private void insertFindings(SessionId id, List<Finding> findings) throws SQLException {
        if (findings.isEmpty()) {
            return;
        }
        PreparedStatement insert = db.prepared(INSERT_FINDING_SQL);
        insert.clearBatch();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            insert.setString(1, penKey(id));
            insert.setLong(2, counterKey(id));
            insert.setInt(3, i);
            insert.setString(4, f.rule());
            insert.setString(5, f.severity().id());
            insert.setString(6, f.message());
            insert.setString(7, f.source());
            if (f.nextSafeAt() == null) {
                insert.setNull(8, Types.INTEGER);
            } else {
                insert.setLong(8, f.nextSafeAt().getEpochSecond());
            }
            insert.addBatch();
        }
        insert.executeBatch();
    }

    @Override
    public List<RecordedSession> ownerSessions(String owner, Instant from, Instant to) {
        return query(OWNER_SESSIONS_SQL, owner, from.getEpochSecond(), to.getEpochSecond());
    }

    @Override
    public List<Session> ownerTimeline(String owner, Instant from, Instant to) {
        return sessions(OWNER_TIMELINE_SQL, owner, from.getEpochSecond(), to.getEpochSecond());
    }

    @Override
    public List<Session> cartridgeUses(String cartridge) {
        if (cartridge.isEmpty()) {
            return List.of();
        }
        return sessions(CARTRIDGE_USES_SQL, cartridge);
    }

    @Override
    public List<Session> deviceUses(String device) {
        return sessions(DEVICE_USES_SQL, device);
    }

    @Override
    public List<RecordedSession> list(HistoryQuery q) {
        List<RecordedSession> sessions = new ArrayList<>();
        each(q, sessions::add);
        return sessions;
    }

    @Override
    public void each(HistoryQuery q, Consumer<RecordedSession> each) {
        StringBuilder sql = new StringBuilder(WITH_FINDINGS + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.pen().ifPresent(pen -> {
            sql.append(" AND s.pen = ?");
            args.add(pen);
        });
        q.owner().ifPresent(owner -> {
            sql.append(" AND s.owner = ?");
            args.add(owner);
        });
        q.since().ifPresent(since -> {
            sql.append(" AND s.start_s >= ?");
            args.add(since.getEpochSecond());
        });
        query(sql + TIMELINE, each, args.toArray());
    }

    @Override
    public void saveOwners(List<Owner> owners) {
        db.write("save the owners", c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO owner (id, zone) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET zone = excluded.zone")) {
                for (Owner owner : owners) {
                    upsert.setString(1, owner.id());
                    upsert.setString(2, owner.zone().getId());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Map<String, ZoneId> ownerZones() {
        return db.read("read the owners", c -> {
            Map<String, ZoneId> zones = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, zone FROM owner ORDER BY id");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    zones.put(rs.getString("id"), ZoneId.of(rs.getString("zone")));
                }
            }
            return zones;
        });
    }

    @Override
    public Set<String> pens() {
        return db.read("read the pens of the history", c -> {
            Set<String> pens = new TreeSet<>();
            try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT pen FROM session WHERE pen <> ''");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pens.add(rs.getString(1));
                }
            }
            return pens;
        });
    }

    @Override
    public Optional<SessionId> lastSession(String pen) {
        return db.read("read the last session of pen " + pen, c -> {
            PreparedStatement select = db.prepared(LAST_COUNTER_SQL);
            select.setString(1, pen);
            try (ResultSet rs = select.executeQuery()) {
                long max = rs.getLong(1);
                return rs.wasNull() ? Optional.<SessionId>empty() : Optional.of(id(pen, max));
            }
        });
    }

    /** Sessions with their findings, from one query over {@link #WITH_FINDINGS}, in the order the SQL gives. */
    private List<RecordedSession> query(String sql, Object... args) {
        List<RecordedSession> sessions = new ArrayList<>();
        query(sql, sessions::add, args);
        return sessions;
    }

    /** {@link #query(String, Object...)}, each session handed to {@code each} as it is read. */
    private void query(String sql, Consumer<RecordedSession> each, Object... args) {
        db.read("read sessions", c -> {
            PreparedStatement select = db.prepared(sql);
            SqliteDatabase.bind(select, args);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Session session = session(rs);
                    List<Finding> findings;
                    try {
                        findings = FindingsColumn.decode(rs.getBytes("findings"));
                    } catch (IllegalArgumentException e) {
                        throw db.unknown("finding of session " + session.id(), e.getMessage());
                    }
                    each.accept(
                            new RecordedSession(session, findings, Instant.ofEpochMilli(rs.getLong("recorded_at_ms"))));
                }
            }
            return null;
        });
    }

    /** Sessions alone, without their findings: what the rules look at. */
    private List<Session> sessions(String sql, Object... args) {
        return db.read("read sessions", c -> {
            List<Session> result = new ArrayList<>();
            PreparedStatement select = db.prepared(sql);
            SqliteDatabase.bind(select, args);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.add(session(rs));
                }
            }
            return result;
        });
    }

    private Session session(ResultSet rs) throws SQLException {
        String areaId = SqliteDatabase.text(rs, "area");
        Area area = Area.fromId(areaId).orElseThrow(() -> db.unknown("area", areaId));
        int strokeHz = rs.getInt("stroke_hz");
        OptionalInt stroke = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(strokeHz);
        long endS = rs.getLong("end_s");
        Optional<Instant> end = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(endS));
        return new Session(
                id(SqliteDatabase.text(rs, "pen"), rs.getLong("counter")),
                SqliteDatabase.text(rs, "owner"),
                area,
                Depth.ofHundredths(rs.getInt("depth_hundredths")),
                stroke,
                Instant.ofEpochSecond(rs.getLong("start_s")),
                end,
                SqliteDatabase.text(rs, "cartridge"),
                Optional.ofNullable(SqliteDatabase.text(rs, "device")));
    }
}
