package io.needleguard.store;

import io.needleguard.outbox.AnnouncedPens;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import java.util.TreeSet;

/** The pens announced to Home Assistant, in the history database. */
final class SqliteAnnouncedPens implements AnnouncedPens {

    private final SqliteDatabase db;

    SqliteAnnouncedPens(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Set<String> announced() {
        return db.read("read the pens announced to Home Assistant", c -> {
            Set<String> pens = new TreeSet<>();
            try (PreparedStatement select = c.prepareStatement("SELECT pen FROM announced_pen");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pens.add(rs.getString("pen"));
                }
            }
            return pens;
        });
    }

    @Override
    public void markAnnounced(String pen) {
        update("INSERT INTO announced_pen (pen) VALUES (?) ON CONFLICT DO NOTHING", pen, "remember an announced pen");
    }

    @Override
    public void markWithdrawn(String pen) {
        update("DELETE FROM announced_pen WHERE pen = ?", pen, "forget an announced pen");
    }

    private void update(String sql, String pen, String what) {
        db.write(what, c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                statement.setString(1, pen);
                return statement.executeUpdate();
            }
        });
    }
}
