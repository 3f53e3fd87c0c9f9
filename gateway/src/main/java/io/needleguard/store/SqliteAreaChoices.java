package io.needleguard.store;

import io.needleguard.history.AreaChoices;
import io.needleguard.session.Area;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The area each pen's next sessions are on, in the history database. */
final class SqliteAreaChoices implements AreaChoices {

    private final SqliteDatabase db;

    SqliteAreaChoices(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Area> chosenArea(String pen) {
        return db.read("read the area chosen for pen " + pen, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT area FROM pen_area WHERE pen = ?")) {
                select.setString(1, pen);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Area.fromId(rs.getString("area")) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void chooseArea(String pen, Area area, Instant at) {
        db.write("store the area chosen for pen " + pen, c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO pen_area (pen, area, chosen_at_ms) VALUES (?, ?, ?)"
                            + " ON CONFLICT (pen) DO UPDATE SET area = excluded.area, chosen_at_ms = excluded.chosen_at_ms")) {
                upsert.setString(1, pen);
                upsert.setString(2, area.id());
                upsert.setLong(3, at.toEpochMilli());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, Area> chosenAreas() {
        return db.read("read chosen areas", c -> {
            Map<String, Area> areas = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT pen, area FROM pen_area ORDER BY pen");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String pen = rs.getString("pen");
                    Area.fromId(rs.getString("area")).ifPresent(a -> areas.put(pen, a));
                }
            }
            return areas;
        });
    }
}
