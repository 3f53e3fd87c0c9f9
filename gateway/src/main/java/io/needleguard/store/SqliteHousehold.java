package io.needleguard.store;

import io.needleguard.household.Device;
import io.needleguard.household.HouseholdRecords;
import io.needleguard.household.Person;
import io.needleguard.household.SkinType;
import io.needleguard.session.Depth;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The household's people, pen owners, devices and lendings, in the history database (schema version 7). */
final class SqliteHousehold implements HouseholdRecords {

    private final SqliteDatabase db;

    SqliteHousehold(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<Person> people() {
        return db.read("read the household's people", c -> {
            List<Person> people = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                            "SELECT id, name, zone, skin_type, removed_at_ms FROM person ORDER BY added");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long removed = rs.getLong("removed_at_ms");
                    Optional<Instant> removedAt =
                            rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(removed));
                    people.add(new Person(
                            rs.getString("id"),
                            rs.getString("name"),
                            ZoneId.of(rs.getString("zone")),
                            Optional.ofNullable(rs.getString("skin_type")).flatMap(SkinType::fromId),
                            removedAt));
                }
            }
            return people;
        });
    }

    @Override
    public void putPerson(Person person) {
        db.write("store person " + person.id(), c -> {
            try (PreparedStatement upsert =
                    c.prepareStatement("INSERT INTO person (id, name, zone, skin_type, added, removed_at_ms)"
                            + " VALUES (?, ?, ?, ?, (SELECT coalesce(max(added), 0) + 1 FROM person), ?)"
                            + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, zone = excluded.zone,"
                            + " skin_type = excluded.skin_type, removed_at_ms = excluded.removed_at_ms")) {
                upsert.setString(1, person.id());
                upsert.setString(2, person.name());
                upsert.setString(3, person.zone().getId());
                upsert.setString(4, person.skinType().map(SkinType::id).orElse(null));
                if (person.removedAt().isPresent()) {
                    upsert.setLong(5, person.removedAt().get().toEpochMilli());
                } else {
                    upsert.setNull(5, Types.INTEGER);
                }
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, String> penOwners() {
        return db.read("read the owners of pens", c -> {
            Map<String, String> owners = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT pen, owner FROM pen_owner ORDER BY pen");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    owners.put(rs.getString("pen"), rs.getString("owner"));
                }
            }
            return owners;
        });
    }

    @Override
    public void setPenOwner(String serial, String owner) {
        db.write("store the owner of pen " + serial, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO pen_owner (pen, owner) VALUES (?, ?)"
                    + " ON CONFLICT (pen) DO UPDATE SET owner = excluded.owner")) {
                upsert.setString(1, serial);
                upsert.setString(2, owner);
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public List<Device> devices() {
        return db.read("read the household's devices", c -> {
            List<Device> devices = new ArrayList<>();
            try (PreparedStatement select =
                            c.prepareStatement("SELECT id, kind, owner, needle_hundredths FROM device ORDER BY added");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int needle = rs.getInt("needle_hundredths");
                    Optional<Depth> length = rs.wasNull() ? Optional.empty() : Optional.of(Depth.ofHundredths(needle));
                    Optional<Device.Kind> kind = Device.Kind.fromId(rs.getString("kind"));
                    if (kind.isPresent()) {
                        devices.add(new Device(rs.getString("id"), kind.get(), rs.getString("owner"), length));
                    }
                }
            }
            return devices;
        });
    }

    @Override
    public void putDevice(Device device) {
        db.write("store device " + device.id(), c -> {
            try (PreparedStatement upsert =
                    c.prepareStatement("INSERT INTO device (id, kind, owner, needle_hundredths, added)"
                            + " VALUES (?, ?, ?, ?, (SELECT coalesce(max(added), 0) + 1 FROM device))"
                            + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, owner = excluded.owner,"
                            + " needle_hundredths = excluded.needle_hundredths")) {
                upsert.setString(1, device.id());
                upsert.setString(2, device.kind().id());
                upsert.setString(3, device.owner());
                if (device.needleLength().isPresent()) {
                    upsert.setInt(4, device.needleLength().get().hundredthsMm());
                } else {
                    upsert.setNull(4, Types.INTEGER);
                }
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public boolean removeDevice(String id) {
        return db.write("remove device " + id, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM device WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Map<String, Lending> lendings() {
        return db.read("read the pens lent", c -> {
            Map<String, Lending> lendings = new LinkedHashMap<>();
            try (PreparedStatement select =
                            c.prepareStatement("SELECT pen, person, chosen_at_ms FROM pen_lending ORDER BY pen");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lendings.put(
                            rs.getString("pen"),
                            new Lending(rs.getString("person"), Instant.ofEpochMilli(rs.getLong("chosen_at_ms"))));
                }
            }
            return lendings;
        });
    }

    @Override
    public void lend(String serial, Lending lending) {
        db.write("lend pen " + serial, c -> {
            try (PreparedStatement upsert =
                    c.prepareStatement("INSERT INTO pen_lending (pen, person, chosen_at_ms) VALUES (?, ?, ?)"
                            + " ON CONFLICT (pen) DO UPDATE SET person = excluded.person,"
                            + " chosen_at_ms = excluded.chosen_at_ms")) {
                upsert.setString(1, serial);
                upsert.setString(2, lending.person());
                upsert.setLong(3, lending.since().toEpochMilli());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public boolean endLending(String serial) {
        return db.write("end the lending of pen " + serial, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM pen_lending WHERE pen = ?")) {
                delete.setString(1, serial);
                return delete.executeUpdate() > 0;
            }
        });
    }
}
