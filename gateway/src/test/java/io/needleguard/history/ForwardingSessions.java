package io.needleguard.history;

import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A sessions port that forwards every call; a test overrides the calls it wants to fail or watch. */
public class ForwardingSessions implements SessionHistory {

    private final SessionHistory inner;

    public ForwardingSessions(SessionHistory inner) {
        this.inner = inner;
    }

    @Override
    public Optional<RecordedSession> find(SessionId id) {
        return inner.find(id);
    }

    @Override
    public boolean add(Session session, List<Finding> findings, Instant recordedAt) {
        return inner.add(session, findings, recordedAt);
    }

    @Override
    public void replaceFindings(SessionId id, List<Finding> findings) {
        inner.replaceFindings(id, findings);
    }

    @Override
    public SessionId newHandEntryId() {
        return inner.newHandEntryId();
    }

    @Override
    public boolean update(Session session) {
        return inner.update(session);
    }

    @Override
    public boolean delete(SessionId id, Instant at) {
        return inner.delete(id, at);
    }

    @Override
    public List<RecordedSession> ownerSessions(String owner, Instant from, Instant to) {
        return inner.ownerSessions(owner, from, to);
    }

    @Override
    public List<Session> cartridgeUses(String cartridge) {
        return inner.cartridgeUses(cartridge);
    }

    @Override
    public List<Session> deviceUses(String device) {
        return inner.deviceUses(device);
    }

    @Override
    public List<RecordedSession> list(HistoryQuery query) {
        return inner.list(query);
    }

    @Override
    public void saveOwners(List<Owner> owners) {
        inner.saveOwners(owners);
    }

    @Override
    public Map<String, ZoneId> ownerZones() {
        return inner.ownerZones();
    }

    @Override
    public java.util.Set<String> pens() {
        return inner.pens();
    }

    @Override
    public Optional<SessionId> lastSession(String pen) {
        return inner.lastSession(pen);
    }
}
