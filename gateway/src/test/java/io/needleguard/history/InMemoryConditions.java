package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The conditions port in memory (held to the SQLite adapter's semantics by the contract test). */
public final class InMemoryConditions implements ConditionHistory, InMemoryTransactions.Part {

    private List<ConditionPeriod> conditions = new ArrayList<>();
    private long lastId;

    @Override
    public synchronized List<ConditionPeriod> conditions(String owner) {
        return allConditions().stream().filter(c -> c.owner().equals(owner)).toList();
    }

    @Override
    public synchronized List<ConditionPeriod> allConditions() {
        return conditions.stream()
                .sorted(Comparator.comparing(ConditionPeriod::from).thenComparing(ConditionPeriod::id))
                .toList();
    }

    @Override
    public synchronized ConditionPeriod addCondition(ConditionPeriod condition) {
        ConditionPeriod stored = condition.withId(++lastId);
        conditions.add(stored);
        return stored;
    }

    @Override
    public synchronized Optional<ConditionPeriod> endCondition(long id, Instant until) {
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).id() == id) {
                conditions.set(i, conditions.get(i).endingAt(Instant.ofEpochSecond(until.getEpochSecond())));
                return Optional.of(conditions.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized Object snapshot() {
        return new ArrayList<>(conditions);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        conditions = (List<ConditionPeriod>) snapshot;
    }
}
