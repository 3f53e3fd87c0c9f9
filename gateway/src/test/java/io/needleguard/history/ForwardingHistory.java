package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.rules.Finding;
import io.needleguard.household.Owner;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** A store that forwards every call; a test overrides the calls it wants to fail or watch. */
public class ForwardingHistory<S extends SessionHistory & ConditionHistory & AreaChoices>
        implements SessionHistory, ConditionHistory, AreaChoices {

    private final S inner;

    public ForwardingHistory(S inner) {
        this.inner = inner;
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return inner.atomically(work);
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
    public List<RecordedSession> ownerSessions(String owner, Instant from, Instant to) {
        return inner.ownerSessions(owner, from, to);
    }

    @Override
    public List<Session> cartridgeUses(String cartridge) {
        return inner.cartridgeUses(cartridge);
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
    public OptionalLong lastCounter(String pen) {
        return inner.lastCounter(pen);
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public List<ConditionPeriod> conditions(String owner) {
        return inner.conditions(owner);
    }

    @Override
    public List<ConditionPeriod> allConditions() {
        return inner.allConditions();
    }

    @Override
    public ConditionPeriod addCondition(ConditionPeriod condition) {
        return inner.addCondition(condition);
    }

    @Override
    public Optional<ConditionPeriod> endCondition(long id, Instant until) {
        return inner.endCondition(id, until);
    }

    @Override
    public Optional<Area> chosenArea(String pen) {
        return inner.chosenArea(pen);
    }

    @Override
    public void chooseArea(String pen, Area area, Instant at) {
        inner.chooseArea(pen, area, at);
    }

    @Override
    public Map<String, Area> chosenAreas() {
        return inner.chosenAreas();
    }
}
