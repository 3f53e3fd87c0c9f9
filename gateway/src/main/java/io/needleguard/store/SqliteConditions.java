package io.needleguard.store;

import io.needleguard.history.ConditionHistory;
import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The owners' conditions, with their dates, in the history database. */
final class SqliteConditions implements ConditionHistory {

    private static final String COLUMNS = "SELECT id, owner, condition, from_s, until_s FROM condition";

    private final SqliteDatabase db;

    SqliteConditions(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<ConditionPeriod> conditions(String owner) {
        return select(COLUMNS + " WHERE owner = ? ORDER BY from_s, id", owner);
    }

    @Override
    public List<ConditionPeriod> allConditions() {
        return select(COLUMNS + " ORDER BY from_s, id");
    }

    @Override
    public ConditionPeriod addCondition(ConditionPeriod c) {
        return db.write("store the condition " + c.condition(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO condition (owner, condition, from_s, until_s) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, c.owner());
                insert.setString(2, c.condition().id());
                insert.setLong(3, c.from().getEpochSecond());
                if (c.until().isEmpty()) {
                    insert.setNull(4, Types.INTEGER);
                } else {
                    insert.setLong(4, c.until().get().getEpochSecond());
                }
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return c.withId(keys.getLong(1));
                }
            }
        });
    }

    @Override
    public Optional<ConditionPeriod> endCondition(long id, Instant until) {
        return db.atomically(() -> {
            Optional<ConditionPeriod> found =
                    select(COLUMNS + " WHERE id = ?", id).stream().findFirst();
            if (found.isEmpty()) {
                return found;
            }
            db.write("end condition " + id, c -> {
                try (PreparedStatement update = c.prepareStatement("UPDATE condition SET until_s = ? WHERE id = ?")) {
                    update.setLong(1, until.getEpochSecond());
                    update.setLong(2, id);
                    return update.executeUpdate();
                }
            });
            return found.map(c -> c.endingAt(Instant.ofEpochSecond(until.getEpochSecond())));
        });
    }

    private List<ConditionPeriod> select(String sql, Object... args) {
        return db.read("read conditions", c -> {
            List<ConditionPeriod> conditions = new ArrayList<>();
            PreparedStatement select = db.prepared(sql);
            SqliteDatabase.bind(select, args);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("condition");
                    long until = rs.getLong("until_s");
                    Optional<Instant> end = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(until));
                    conditions.add(new ConditionPeriod(
                            rs.getLong("id"),
                            rs.getString("owner"),
                            Condition.fromId(id).orElseThrow(() -> db.unknown("condition", id)),
                            Instant.ofEpochSecond(rs.getLong("from_s")),
                            end));
                }
            }
            return conditions;
        });
    }
}
