package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.rules.Finding;
import io.needleguard.household.Owner;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The history port in memory, with the SQLite store's semantics (held to them by the contract test). */
public final class InMemoryHistory implements SessionHistory, ConditionHistory, AreaChoices {

    private TreeMap<SessionId, RecordedSession> sessions = new TreeMap<>();
    private final Map<String, ZoneId> zones = new TreeMap<>();
    private final List<ConditionPeriod> conditions = new ArrayList<>();
    private final Map<String, Area> areas = new TreeMap<>();
    private int depth;

    @Override
    public synchronized <T> T atomically(Supplier<T> work) {
        TreeMap<SessionId, RecordedSession> before = depth == 0 ? new TreeMap<>(sessions) : null;
        depth++;
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (before != null) {
                sessions = before;
            }
            throw e;
        } finally {
            depth--;
        }
    }

    @Override
    public synchronized Optional<RecordedSession> find(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized boolean add(Session session, List<Finding> findings, Instant recordedAt) {
        if (sessions.containsKey(session.id())) {
            return false;
        }
        sessions.put(session.id(), new RecordedSession(session, findings, Instant.ofEpochMilli(recordedAt.toEpochMilli())));
        return true;
    }

    @Override
    public synchronized void replaceFindings(SessionId id, List<Finding> findings) {
        RecordedSession old = sessions.get(id);
        if (old != null) {
            sessions.put(id, new RecordedSession(old.session(), findings, old.recordedAt()));
        }
    }

    @Override
    public synchronized List<RecordedSession> ownerSessions(String owner, Instant from, Instant to) {
        return select(r -> r.session().owner().equals(owner)
                && !r.session().start().isBefore(from) && r.session().start().isBefore(to));
    }

    @Override
    public synchronized List<Session> cartridgeUses(String cartridge) {
        if (cartridge.isEmpty()) {
            return List.of();
        }
        return select(r -> r.session().cartridge().equals(cartridge)).stream().map(RecordedSession::session).toList();
    }

    @Override
    public synchronized List<RecordedSession> list(HistoryQuery q) {
        return select(r -> q.pen().map(r.session().pen()::equals).orElse(true)
                && q.owner().map(r.session().owner()::equals).orElse(true)
                && q.since().map(since -> !r.session().start().isBefore(since)).orElse(true));
    }

    @Override
    public synchronized List<ConditionPeriod> conditions(String owner) {
        return allConditions().stream().filter(c -> c.owner().equals(owner)).toList();
    }

    @Override
    public synchronized List<ConditionPeriod> allConditions() {
        return conditions.stream().sorted(Comparator.comparing(ConditionPeriod::from).thenComparing(ConditionPeriod::id)).toList();
    }

    @Override
    public synchronized ConditionPeriod addCondition(ConditionPeriod condition) {
        ConditionPeriod stored = condition.withId(conditions.size() + 1L);
        conditions.add(stored);
        return stored;
    }

    @Override
    public synchronized Optional<ConditionPeriod> endCondition(long id, Instant until) {
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).id() == id) {
                conditions.set(i, conditions.get(i).endingAt(until));
                return Optional.of(conditions.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Area> chosenArea(String pen) {
        return Optional.ofNullable(areas.get(pen));
    }

    @Override
    public synchronized void chooseArea(String pen, Area area, Instant at) {
        areas.put(pen, area);
    }

    @Override
    public synchronized Map<String, Area> chosenAreas() {
        return Map.copyOf(areas);
    }

    @Override
    public synchronized void saveOwners(List<Owner> owners) {
        owners.forEach(o -> zones.put(o.id(), o.zone()));
    }

    @Override
    public synchronized Map<String, ZoneId> ownerZones() {
        return Map.copyOf(zones);
    }

    @Override
    public synchronized OptionalLong lastCounter(String pen) {
        return sessions.keySet().stream().filter(id -> id.pen().equals(pen)).mapToLong(SessionId::counter).max();
    }

    private List<RecordedSession> select(Predicate<RecordedSession> filter) {
        return sessions.values().stream()
                .filter(filter)
                .sorted(Comparator.comparing(RecordedSession::session, Session.TIMELINE_ORDER))
                .toList();
    }

    @Override
    public void close() {
    }
}
