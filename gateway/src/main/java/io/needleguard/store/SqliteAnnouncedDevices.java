package io.needleguard.store;

import io.needleguard.outbox.AnnouncedDevices;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What Home Assistant was told, in the history database. */
final class SqliteAnnouncedDevices implements AnnouncedDevices {

    private final SqliteDatabase db;

    SqliteAnnouncedDevices(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Map<String, Device> devices() {
        return db.read("read the devices announced to Home Assistant", c -> {
            Map<String, Device> devices = new LinkedHashMap<>();
            try (PreparedStatement select =
                            c.prepareStatement("SELECT id, kind, key, config FROM announced_device ORDER BY id");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    devices.put(
                            rs.getString(1),
                            new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return devices;
        });
    }

    @Override
    public void announced(Device device) {
        db.write("remember a device announced to Home Assistant", c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO announced_device (id, kind, key, config) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, key = excluded.key, config = excluded.config")) {
                upsert.setString(1, device.id());
                upsert.setString(2, device.kind());
                upsert.setString(3, device.key());
                upsert.setString(4, device.config());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public void withdrawn(String id) {
        db.write("forget a device withdrawn from Home Assistant", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM announced_device WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Identity> identity(String serial) {
        return db.read("read what pen " + serial + " said it is", c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT model, firmware, address FROM pen_identity WHERE pen = ?")) {
                select.setString(1, serial);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Identity(serial, rs.getString(1), rs.getString(2), rs.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void identified(Identity identity) {
        db.write("remember what pen " + identity.serial() + " said it is", c -> {
            try (PreparedStatement upsert =
                    c.prepareStatement("INSERT INTO pen_identity (pen, model, firmware, address) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (pen) DO UPDATE SET model = excluded.model, firmware = excluded.firmware,"
                            + " address = excluded.address")) {
                upsert.setString(1, identity.serial());
                upsert.setString(2, identity.model());
                upsert.setString(3, identity.firmware());
                upsert.setString(4, identity.address());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, Legacy> legacyPens() {
        return db.read("read the pens announced the old way", c -> {
            Map<String, Legacy> pens = new TreeMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT pen, state FROM announced_pen");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pens.put(rs.getString(1), rs.getString(2).equals("migrated") ? Legacy.MIGRATED : Legacy.ANNOUNCED);
                }
            }
            return pens;
        });
    }

    @Override
    public void legacyMigrated(String serial) {
        update("UPDATE announced_pen SET state = 'migrated' WHERE pen = ?", serial, "note pen " + serial + " migrated");
    }

    @Override
    public void legacyCleared(String serial) {
        update("DELETE FROM announced_pen WHERE pen = ?", serial, "note pen " + serial + "'s old topics cleared");
    }

    private void update(String sql, String serial, String what) {
        db.write(what, c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                statement.setString(1, serial);
                return statement.executeUpdate();
            }
        });
    }
}
