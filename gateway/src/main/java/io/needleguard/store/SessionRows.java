package io.needleguard.store;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A session as a row of the {@code session} table and back. A session logged by hand is stored with
 * the pen {@code ''} (no serial is empty) and its entry number as its counter; what nobody measured (its
 * stroke rate, an end without a duration) is NULL, and so is the zone of a session stored before zones
 * were kept with sessions that the upgrade could not tell (read as "the owner's current zone").
 */
final class SessionRows {

    static final String COLUMNS =
            "s.pen, s.counter, s.owner, s.area, s.depth_hundredths, s.stroke_hz, s.start_s, s.end_s, s.cartridge,"
                    + " s.recorded_at_ms, s.device, s.zone";

    private SessionRows() {}

    /**
     * Binds what is known of a session to parameters 1 to 11: owner, area, depth, stroke rate, start,
     * end, cartridge, device, zone, then its key (pen, counter).
     */
    static void bindFacts(PreparedStatement statement, Session session) throws SQLException {
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
        statement.setString(9, session.zone().map(ZoneId::getId).orElse(null));
        statement.setString(10, penKey(session.id()));
        statement.setLong(11, counterKey(session.id()));
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

    static Session session(ResultSet rs, SqliteDatabase db) throws SQLException {
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
                Optional.ofNullable(SqliteDatabase.text(rs, "device")),
                zone(rs, db));
    }

    private static Optional<ZoneId> zone(ResultSet rs, SqliteDatabase db) throws SQLException {
        String zone = SqliteDatabase.text(rs, "zone");
        if (zone == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw db.unknown("time zone", zone);
        }
    }
}
