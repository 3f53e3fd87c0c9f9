package io.needleguard.store;

import io.needleguard.history.AreaChoices;
import io.needleguard.history.ConditionHistory;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SessionHistory;
import io.needleguard.outbox.AnnouncedPens;
import io.needleguard.pairing.PairedPen;
import io.needleguard.pairing.PairedPens;
import io.needleguard.pairing.RefusedDevice;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.rules.Finding;
import io.needleguard.household.Owner;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The history in a SQLite file, {@code needleguard.db} in the data directory: sessions and findings,
 * conditions and chosen areas. WAL journal, versioned schema, owner-only permissions. One connection;
 * calls are serialized.
 */
public final class SqliteHistory implements SessionHistory, ConditionHistory, AreaChoices, Outbox, AnnouncedPens, PairedPens {

    public static final String FILE_NAME = "needleguard.db";

    private static final String SESSION_COLUMNS =
            "s.pen, s.counter, s.owner, s.area, s.depth_hundredths, s.stroke_hz, s.start_s, s.end_s, s.cartridge, s.recorded_at_ms";
    private static final String TIMELINE = " ORDER BY s.start_s, s.pen, s.counter";

    private final Path file;
    private Connection connection;
    private int transactionDepth;

    private SqliteHistory(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the history in {@code dataDir}: the directory 0700, the file 0600,
     * the schema migrated to the latest version.
     */
    public static SqliteHistory open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        try {
            OwnerOnlyFiles.directory(dir);
            OwnerOnlyFiles.file(file);
            OwnerOnlyFiles.tightenIfPresent(dir.resolve(FILE_NAME + "-wal"));
            OwnerOnlyFiles.tightenIfPresent(dir.resolve(FILE_NAME + "-shm"));
        } catch (IOException e) {
            throw new StoreException("cannot create the history in " + dir + " (" + e.getMessage()
                    + "); check that the directory is writable, or choose another with --data-dir", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL, not the usual WAL pairing NORMAL: a pen deletes a session once we have committed it, so a
        // commit must survive a power cut. Sessions are a few a day; the fsync costs nothing that matters.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
            Migrations.migrate(connection, file);
            return new SqliteHistory(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            if (e instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT)) {
                throw new StoreException(file + " is not a needleguard history database (it is not SQLite, or it is"
                        + " damaged); move it away, or choose another --data-dir", e);
            }
            throw new StoreException("cannot open the history database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized <T> T atomically(Supplier<T> work) {
        Connection c = connection();
        boolean outermost = transactionDepth == 0;
        try {
            if (outermost) {
                c.setAutoCommit(false);
            }
            transactionDepth++;
            T result;
            try {
                result = work.get();
            } finally {
                transactionDepth--;
            }
            if (outermost) {
                c.commit();
            }
            return result;
        } catch (SQLException e) {
            rollback(c, outermost);
            throw new StoreException("could not save to the history database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback(c, outermost);
            throw e;
        } finally {
            if (outermost) {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    throw new StoreException("history database " + file + " is in an unknown state: " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public synchronized Optional<RecordedSession> find(SessionId id) {
        return query("SELECT " + SESSION_COLUMNS + " FROM session s WHERE s.pen = ? AND s.counter = ?", id.pen(), id.counter())
                .stream().findFirst();
    }

    @Override
    public synchronized boolean add(Session session, List<Finding> findings, Instant recordedAt) {
        return atomically(() -> {
            try (PreparedStatement insert = connection().prepareStatement(
                    "INSERT INTO session (pen, counter, owner, area, depth_hundredths, stroke_hz, start_s, end_s, cartridge,"
                            + " recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, session.pen());
                insert.setLong(2, session.id().counter());
                insert.setString(3, session.owner());
                insert.setString(4, session.area().id());
                insert.setInt(5, session.depth().hundredthsMm());
                insert.setInt(6, session.strokeHz());
                insert.setLong(7, session.start().getEpochSecond());
                insert.setLong(8, session.end().getEpochSecond());
                insert.setString(9, session.cartridge());
                insert.setLong(10, recordedAt.toEpochMilli());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
                insertFindings(session.id(), findings);
                return true;
            } catch (SQLException e) {
                throw failed("store session " + session.id(), e);
            }
        });
    }

    @Override
    public synchronized void replaceFindings(SessionId id, List<Finding> findings) {
        atomically(() -> {
            try (PreparedStatement delete = connection().prepareStatement("DELETE FROM finding WHERE pen = ? AND counter = ?")) {
                delete.setString(1, id.pen());
                delete.setLong(2, id.counter());
                delete.executeUpdate();
                insertFindings(id, findings);
                return null;
            } catch (SQLException e) {
                throw failed("update the findings of session " + id, e);
            }
        });
    }

    private void insertFindings(SessionId id, List<Finding> findings) throws SQLException {
        try (PreparedStatement insert = connection().prepareStatement(
                "INSERT INTO finding (pen, counter, position, rule, severity, message, source, next_safe_at_s)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                insert.setString(1, id.pen());
                insert.setLong(2, id.counter());
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
    }

    @Override
    public synchronized List<RecordedSession> ownerSessions(String owner, Instant from, Instant to) {
        return query("SELECT " + SESSION_COLUMNS + " FROM session s WHERE s.owner = ? AND s.start_s >= ? AND s.start_s < ?"
                + TIMELINE, owner, seconds(from), seconds(to));
    }

    @Override
    public synchronized List<Session> cartridgeUses(String cartridge) {
        if (cartridge.isEmpty()) {
            return List.of();
        }
        return query("SELECT " + SESSION_COLUMNS + " FROM session s WHERE s.cartridge = ?" + TIMELINE, cartridge)
                .stream().map(RecordedSession::session).toList();
    }

    @Override
    public synchronized List<RecordedSession> list(HistoryQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + SESSION_COLUMNS + " FROM session s WHERE 1 = 1");
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
            args.add(seconds(since));
        });
        return query(sql + TIMELINE, args.toArray());
    }

    @Override
    public synchronized void saveOwners(List<Owner> owners) {
        atomically(() -> {
            try (PreparedStatement upsert = connection().prepareStatement(
                    "INSERT INTO owner (id, zone) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET zone = excluded.zone")) {
                for (Owner owner : owners) {
                    upsert.setString(1, owner.id());
                    upsert.setString(2, owner.zone().getId());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                return null;
            } catch (SQLException e) {
                throw failed("save the owners", e);
            }
        });
    }

    @Override
    public synchronized Map<String, ZoneId> ownerZones() {
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        try (PreparedStatement select = connection().prepareStatement("SELECT id, zone FROM owner ORDER BY id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                zones.put(rs.getString("id"), ZoneId.of(rs.getString("zone")));
            }
            return zones;
        } catch (SQLException e) {
            throw failed("read the owners", e);
        }
    }

    @Override
    public synchronized OptionalLong lastCounter(String pen) {
        try (PreparedStatement select = connection().prepareStatement("SELECT MAX(counter) FROM session WHERE pen = ?")) {
            select.setString(1, pen);
            try (ResultSet rs = select.executeQuery()) {
                long max = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
            }
        } catch (SQLException e) {
            throw failed("read the last session of pen " + pen, e);
        }
    }

    // ---- conditions -------------------------------------------------------------------------------

    @Override
    public synchronized List<ConditionPeriod> conditions(String owner) {
        return readConditions("SELECT id, owner, condition, from_s, until_s FROM condition WHERE owner = ? ORDER BY from_s, id", owner);
    }

    @Override
    public synchronized List<ConditionPeriod> allConditions() {
        return readConditions("SELECT id, owner, condition, from_s, until_s FROM condition ORDER BY from_s, id");
    }

    @Override
    public synchronized ConditionPeriod addCondition(ConditionPeriod c) {
        return atomically(() -> {
            try (PreparedStatement insert = connection().prepareStatement(
                    "INSERT INTO condition (owner, condition, from_s, until_s) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, c.owner());
                insert.setString(2, c.condition().id());
                insert.setLong(3, c.from().getEpochSecond());
                setNullable(insert, 4, c.until().orElse(null));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return c.withId(keys.getLong(1));
                }
            } catch (SQLException e) {
                throw failed("store the condition " + c.condition(), e);
            }
        });
    }

    @Override
    public synchronized Optional<ConditionPeriod> endCondition(long id, Instant until) {
        return atomically(() -> {
            Optional<ConditionPeriod> found = readConditions(
                    "SELECT id, owner, condition, from_s, until_s FROM condition WHERE id = ?", id).stream().findFirst();
            found.ifPresent(c -> {
                try (PreparedStatement update = connection().prepareStatement("UPDATE condition SET until_s = ? WHERE id = ?")) {
                    update.setLong(1, until.getEpochSecond());
                    update.setLong(2, id);
                    update.executeUpdate();
                } catch (SQLException e) {
                    throw failed("end condition " + id, e);
                }
            });
            return found.map(c -> c.endingAt(Instant.ofEpochSecond(until.getEpochSecond())));
        });
    }

    private List<ConditionPeriod> readConditions(String sql, Object... args) {
        List<ConditionPeriod> conditions = new ArrayList<>();
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            bind(select, args);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("condition");
                    long until = rs.getLong("until_s");
                    Optional<Instant> end = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(until));
                    conditions.add(new ConditionPeriod(rs.getLong("id"), rs.getString("owner"),
                            Condition.fromId(id).orElseThrow(() -> new StoreException("history database " + file
                                    + " holds an unknown condition '" + id + "'; was it written by a newer needleguard?")),
                            Instant.ofEpochSecond(rs.getLong("from_s")), end));
                }
            }
            return conditions;
        } catch (SQLException e) {
            throw failed("read conditions", e);
        }
    }

    private static void setNullable(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, instant.getEpochSecond());
        }
    }

    // ---- chosen areas -------------------------------------------------------------------------------

    @Override
    public synchronized Optional<Area> chosenArea(String pen) {
        return Optional.ofNullable(chosenAreas().get(pen));
    }

    @Override
    public synchronized void chooseArea(String pen, Area area, Instant at) {
        atomically(() -> {
            try (PreparedStatement upsert = connection().prepareStatement(
                    "INSERT INTO pen_area (pen, area, chosen_at_ms) VALUES (?, ?, ?)"
                            + " ON CONFLICT (pen) DO UPDATE SET area = excluded.area, chosen_at_ms = excluded.chosen_at_ms")) {
                upsert.setString(1, pen);
                upsert.setString(2, area.id());
                upsert.setLong(3, at.toEpochMilli());
                upsert.executeUpdate();
                return null;
            } catch (SQLException e) {
                throw failed("store the area chosen for pen " + pen, e);
            }
        });
    }

    @Override
    public synchronized Map<String, Area> chosenAreas() {
        Map<String, Area> areas = new LinkedHashMap<>();
        try (PreparedStatement select = connection().prepareStatement("SELECT pen, area FROM pen_area ORDER BY pen");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String pen = rs.getString("pen");
                Area.fromId(rs.getString("area")).ifPresent(a -> areas.put(pen, a));
            }
            return areas;
        } catch (SQLException e) {
            throw failed("read chosen areas", e);
        }
    }

    // ---- MQTT outbox ----------------------------------------------------------------------------

    @Override
    public synchronized boolean add(OutboundMessage message) {
        return atomically(() -> {
            try (PreparedStatement insert = connection().prepareStatement(
                    "INSERT INTO outbox (topic, payload, qos, retained) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, message.topic());
                insert.setBytes(2, message.payload());
                insert.setInt(3, message.qos());
                insert.setInt(4, message.retained() ? 1 : 0);
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                throw failed("queue an MQTT message", e);
            }
        });
    }

    @Override
    public synchronized List<Entry> oldest(int max) {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT id, topic, payload, qos, retained FROM outbox ORDER BY id LIMIT ?")) {
            select.setInt(1, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong("id"), new OutboundMessage(rs.getString("topic"), rs.getBytes("payload"),
                            rs.getInt("qos"), rs.getInt("retained") == 1)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw failed("read the MQTT outbox", e);
        }
    }

    @Override
    public synchronized void acknowledge(long id) {
        try (PreparedStatement delete = connection().prepareStatement("DELETE FROM outbox WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failed("remove a delivered MQTT message", e);
        }
    }

    @Override
    public synchronized int size() {
        try (PreparedStatement count = connection().prepareStatement("SELECT COUNT(*) FROM outbox");
             ResultSet rs = count.executeQuery()) {
            return rs.getInt(1);
        } catch (SQLException e) {
            throw failed("count the MQTT outbox", e);
        }
    }

    // ---- pens announced to Home Assistant ---------------------------------------------------------

    @Override
    public synchronized Set<String> announced() {
        Set<String> pens = new java.util.TreeSet<>();
        try (PreparedStatement select = connection().prepareStatement("SELECT pen FROM announced_pen");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                pens.add(rs.getString("pen"));
            }
            return pens;
        } catch (SQLException e) {
            throw failed("read the pens announced to Home Assistant", e);
        }
    }

    @Override
    public synchronized void markAnnounced(String pen) {
        update("INSERT INTO announced_pen (pen) VALUES (?) ON CONFLICT DO NOTHING", pen, "remember an announced pen");
    }

    @Override
    public synchronized void markWithdrawn(String pen) {
        update("DELETE FROM announced_pen WHERE pen = ?", pen, "forget an announced pen");
    }

    // ---- pairings ---------------------------------------------------------------------------------

    @Override
    public synchronized List<PairedPen> pairedPens() {
        List<PairedPen> pens = new ArrayList<>();
        try (PreparedStatement select = connection().prepareStatement("SELECT pen, address, since_ms FROM paired_pen ORDER BY pen");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                pens.add(new PairedPen(rs.getString("pen"), rs.getString("address"), Instant.ofEpochMilli(rs.getLong("since_ms"))));
            }
            return pens;
        } catch (SQLException e) {
            throw failed("read the paired pens", e);
        }
    }

    /** One row by key: the allowlist asks this for every pen it hears advertising. */
    @Override
    public synchronized Optional<PairedPen> pairedPen(String serial) {
        try (PreparedStatement select = connection().prepareStatement("SELECT address, since_ms FROM paired_pen WHERE pen = ?")) {
            select.setString(1, serial);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next()
                        ? Optional.of(new PairedPen(serial, rs.getString("address"), Instant.ofEpochMilli(rs.getLong("since_ms"))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read the pairing of pen " + serial, e);
        }
    }

    @Override
    public synchronized void pair(PairedPen pen) {
        try (PreparedStatement insert = connection().prepareStatement(
                "INSERT INTO paired_pen (pen, address, since_ms) VALUES (?, ?, ?) "
                        + "ON CONFLICT (pen) DO UPDATE SET address = excluded.address, since_ms = excluded.since_ms")) {
            insert.setString(1, pen.serial());
            insert.setString(2, pen.address());
            insert.setLong(3, pen.since().toEpochMilli());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failed("store the pairing of pen " + pen.serial(), e);
        }
    }

    @Override
    public synchronized boolean forget(String serial) {
        try (PreparedStatement delete = connection().prepareStatement("DELETE FROM paired_pen WHERE pen = ?")) {
            delete.setString(1, serial);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failed("forget pen " + serial, e);
        }
    }

    @Override
    public synchronized void refused(String serial, String address, Instant at) {
        try (PreparedStatement upsert = connection().prepareStatement(
                "INSERT INTO refused_device (pen, address, first_seen_ms, last_seen_ms, times) VALUES (?, ?, ?, ?, 1) "
                        + "ON CONFLICT (pen, address) DO UPDATE SET last_seen_ms = excluded.last_seen_ms, times = times + 1")) {
            upsert.setString(1, serial);
            upsert.setString(2, address);
            upsert.setLong(3, at.toEpochMilli());
            upsert.setLong(4, at.toEpochMilli());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failed("note the refused device " + address, e);
        }
    }

    @Override
    public synchronized List<RefusedDevice> refusedDevices() {
        List<RefusedDevice> devices = new ArrayList<>();
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT pen, address, first_seen_ms, last_seen_ms, times FROM refused_device ORDER BY last_seen_ms DESC");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                devices.add(new RefusedDevice(rs.getString("pen"), rs.getString("address"),
                        Instant.ofEpochMilli(rs.getLong("first_seen_ms")), Instant.ofEpochMilli(rs.getLong("last_seen_ms")),
                        rs.getLong("times")));
            }
            return devices;
        } catch (SQLException e) {
            throw failed("read the refused devices", e);
        }
    }

    private void update(String sql, String arg, String what) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setString(1, arg);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Sessions with their findings, in the order the SQL gives; findings are read in one second query. */
    private List<RecordedSession> query(String sql, Object... args) {
        Map<SessionId, Session> sessions = new LinkedHashMap<>();
        Map<SessionId, Instant> recordedAt = new LinkedHashMap<>();
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            bind(select, args);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Session s = session(rs);
                    sessions.put(s.id(), s);
                    recordedAt.put(s.id(), Instant.ofEpochMilli(rs.getLong("recorded_at_ms")));
                }
            }
            Map<SessionId, List<Finding>> findings = findingsOf(sql, args);
            List<RecordedSession> result = new ArrayList<>(sessions.size());
            sessions.forEach((id, s) -> result.add(new RecordedSession(s, findings.getOrDefault(id, List.of()), recordedAt.get(id))));
            return result;
        } catch (SQLException e) {
            throw failed("read sessions", e);
        }
    }

    /** The findings of exactly the sessions {@code sessionSql} selects, by joining on it. */
    private Map<SessionId, List<Finding>> findingsOf(String sessionSql, Object... args) throws SQLException {
        String select = "SELECT f.pen, f.counter, f.rule, f.severity, f.message, f.source, f.next_safe_at_s"
                + " FROM finding f JOIN (" + sessionSql + ") s ON s.pen = f.pen AND s.counter = f.counter"
                + " ORDER BY f.pen, f.counter, f.position";
        Map<SessionId, List<Finding>> findings = new LinkedHashMap<>();
        try (PreparedStatement statement = connection().prepareStatement(select)) {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long nextSafe = rs.getLong("next_safe_at_s");
                    Instant nextSafeAt = rs.wasNull() ? null : Instant.ofEpochSecond(nextSafe);
                    findings.computeIfAbsent(new SessionId(rs.getString("pen"), rs.getLong("counter")), id -> new ArrayList<>())
                            .add(new Finding(rs.getString("rule"), Severity.fromId(rs.getString("severity")),
                                    rs.getString("message"), rs.getString("source"), nextSafeAt));
                }
            }
        }
        return findings;
    }

    private Session session(ResultSet rs) throws SQLException {
        String areaId = rs.getString("area");
        Area area = Area.fromId(areaId).orElseThrow(() -> new StoreException(
                "history database " + file + " holds an unknown area '" + areaId + "'; was it written by a newer needleguard?"));
        return new Session(
                new SessionId(rs.getString("pen"), rs.getLong("counter")),
                rs.getString("owner"),
                area,
                Depth.ofHundredths(rs.getInt("depth_hundredths")),
                rs.getInt("stroke_hz"),
                Instant.ofEpochSecond(rs.getLong("start_s")),
                Instant.ofEpochSecond(rs.getLong("end_s")),
                rs.getString("cartridge"));
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    /** Unix seconds; even Instant.MIN and Instant.MAX (open bounds) fit SQLite's 64-bit integers. */
    private static long seconds(Instant instant) {
        return instant.getEpochSecond();
    }

    private Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("the history database " + file + " is closed");
        }
        return connection;
    }

    private StoreException failed(String what, SQLException e) {
        return new StoreException("could not " + what + " in the history database " + file + ": " + e.getMessage(), e);
    }

    private void rollback(Connection c, boolean outermost) {
        if (outermost) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // The original failure is what the caller needs to see.
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing: nothing left to do with the error.
            }
        }
    }
}
