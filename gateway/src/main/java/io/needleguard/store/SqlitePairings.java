package io.needleguard.store;

import io.needleguard.pairing.PairedPen;
import io.needleguard.pairing.PairedPens;
import io.needleguard.pairing.RefusedDevice;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pairings and refused devices, in the history database. */
final class SqlitePairings implements PairedPens {

    private final SqliteDatabase db;

    SqlitePairings(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<PairedPen> pairedPens() {
        return db.read("read the paired pens", c -> {
            List<PairedPen> pens = new ArrayList<>();
            try (PreparedStatement select =
                            c.prepareStatement("SELECT pen, address, since_ms FROM paired_pen ORDER BY pen");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pens.add(new PairedPen(
                            rs.getString("pen"),
                            rs.getString("address"),
                            Instant.ofEpochMilli(rs.getLong("since_ms"))));
                }
            }
            return pens;
        });
    }

    /** One row by key: the allowlist asks this for every pen it hears advertising. */
    @Override
    public Optional<PairedPen> pairedPen(String serial) {
        return db.read("read the pairing of pen " + serial, c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT address, since_ms FROM paired_pen WHERE pen = ?")) {
                select.setString(1, serial);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new PairedPen(
                                    serial, rs.getString("address"), Instant.ofEpochMilli(rs.getLong("since_ms"))))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void pair(PairedPen pen) {
        db.write("store the pairing of pen " + pen.serial(), c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO paired_pen (pen, address, since_ms) VALUES (?, ?, ?) "
                            + "ON CONFLICT (pen) DO UPDATE SET address = excluded.address, since_ms = excluded.since_ms")) {
                insert.setString(1, pen.serial());
                insert.setString(2, pen.address());
                insert.setLong(3, pen.since().toEpochMilli());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean forget(String serial) {
        return db.write("forget pen " + serial, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM paired_pen WHERE pen = ?")) {
                delete.setString(1, serial);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void refused(String serial, String address, Instant at) {
        db.write("note the refused device " + address, c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO refused_device (pen, address, first_seen_ms, last_seen_ms, times) VALUES (?, ?, ?, ?, 1) "
                            + "ON CONFLICT (pen, address) DO UPDATE SET last_seen_ms = excluded.last_seen_ms, times = times + 1")) {
                upsert.setString(1, serial);
                upsert.setString(2, address);
                upsert.setLong(3, at.toEpochMilli());
                upsert.setLong(4, at.toEpochMilli());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public List<RefusedDevice> refusedDevices() {
        return db.read("read the refused devices", c -> {
            List<RefusedDevice> devices = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                            "SELECT pen, address, first_seen_ms, last_seen_ms, times FROM refused_device ORDER BY last_seen_ms DESC");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    devices.add(new RefusedDevice(
                            rs.getString("pen"),
                            rs.getString("address"),
                            Instant.ofEpochMilli(rs.getLong("first_seen_ms")),
                            Instant.ofEpochMilli(rs.getLong("last_seen_ms")),
                            rs.getLong("times")));
                }
            }
            return devices;
        });
    }
}
