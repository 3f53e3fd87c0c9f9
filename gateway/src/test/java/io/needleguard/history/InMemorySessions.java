package io.needleguard.history;

import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The sessions port in memory, with the SQLite adapter's semantics (held to them by the contract test). */
public final class InMemorySessions implements SessionHistory, InMemoryTransactions.Part {

    private TreeMap<SessionId, RecordedSession> sessions = new TreeMap<>();
    private final Map<String, ZoneId> zones = new TreeMap<>();
    /** The last number given to a hand entry: numbers are never given twice. */
    private long lastHandEntry;

    @Override
    public synchronized Optional<RecordedSession> find(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized boolean add(Session session, List<Finding> findings, Instant recordedAt) {
        if (sessions.containsKey(session.id())) {
            return false;
        }
        sessions.put(
                session.id(), new RecordedSession(session, findings, Instant.ofEpochMilli(recordedAt.toEpochMilli())));
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
    public synchronized SessionId newHandEntryId() {
        return SessionId.handEntry(++lastHandEntry);
    }

    @Override
    public synchronized boolean update(Session session) {
        RecordedSession old = sessions.get(session.id());
        if (old == null) {
            return false;
        }
        sessions.put(session.id(), new RecordedSession(session, old.findings(), old.recordedAt()));
        return true;
    }

    @Override
    public synchronized boolean delete(SessionId id, Instant at) {
        return sessions.remove(id) != null;
    }

    @Override
    public synchronized List<RecordedSession> ownerSessions(String owner, Instant from, Instant to) {
        return select(r -> r.session().owner().equals(owner)
                && !r.session().start().isBefore(from)
                && r.session().start().isBefore(to));
    }

    @Override
    public synchronized List<Session> cartridgeUses(String cartridge) {
        if (cartridge.isEmpty()) {
            return List.of();
        }
        return select(r -> r.session().cartridge().equals(cartridge)).stream()
                .map(RecordedSession::session)
                .toList();
    }

    @Override
    public synchronized List<Session> deviceUses(String device) {
        return select(r -> r.session().device().equals(Optional.of(device))).stream()
                .map(RecordedSession::session)
                .toList();
    }

    @Override
    public synchronized List<RecordedSession> list(HistoryQuery q) {
        return select(r -> q.pen()
                        .map(pen -> r.session().pen().equals(Optional.of(pen)))
                        .orElse(true)
                && q.owner().map(r.session().owner()::equals).orElse(true)
                && q.since().map(since -> !r.session().start().isBefore(since)).orElse(true));
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
    public synchronized Set<String> pens() {
        return sessions.keySet().stream()
                .map(SessionId::pen)
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public synchronized Optional<SessionId> lastSession(String pen) {
        return sessions.keySet().stream()
                .filter(id -> id.pen().equals(Optional.of(pen)))
                .max(Comparator.naturalOrder());
    }

    private List<RecordedSession> select(Predicate<RecordedSession> filter) {
        return sessions.values().stream()
                .filter(filter)
                .sorted(Comparator.comparing(RecordedSession::session, Session.TIMELINE_ORDER))
                .toList();
    }

    private record Snapshot(TreeMap<SessionId, RecordedSession> sessions, long lastHandEntry) {}

    @Override
    public synchronized Object snapshot() {
        return new Snapshot(new TreeMap<>(sessions), lastHandEntry);
    }

    @Override
    public synchronized void restore(Object snapshot) {
        Snapshot saved = (Snapshot) snapshot;
        sessions = saved.sessions();
        lastHandEntry = saved.lastHandEntry();
    }
}
