package io.needleguard.history;

import io.needleguard.session.SessionId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each change of a session's owner, in memory, for tests. */
public final class InMemoryAssignments implements SessionAssignments, InMemoryTransactions.Part {

    private final List<Reassignment> changes = new ArrayList<>();

    @Override
    public synchronized void add(Reassignment change) {
        changes.add(change);
    }

    @Override
    public synchronized Optional<Reassignment> latest(SessionId session) {
        return Optional.ofNullable(latestOfEach().get(session));
    }

    @Override
    public synchronized Map<SessionId, Reassignment> latestOfEach() {
        Map<SessionId, Reassignment> latest = new LinkedHashMap<>();
        changes.forEach(c -> latest.put(c.session(), c));
        return latest;
    }

    @Override
    public synchronized Object snapshot() {
        return List.copyOf(changes);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        changes.clear();
        changes.addAll((List<Reassignment>) snapshot);
    }
}
