package io.needleguard.history;

import io.needleguard.session.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A person erased ({@code needleguard owner erase}) with the other people's sessions judged again
 * without them, in one unit of work; then told. Cartridge reuse looks across people, so the sessions
 * of others that used one of their cartridges after them may change.
 */
final class OwnerEraser {

    private final Transactions transactions;
    private final SessionHistory history;
    private final Rejudging rejudging;
    private final AfterCommit told;

    OwnerEraser(Transactions transactions, SessionHistory history, Rejudging rejudging, AfterCommit told) {
        this.transactions = transactions;
        this.history = history;
        this.rejudging = rejudging;
        this.told = told;
    }

    /**
     * Erases {@code owner}'s sessions, conditions, time zone and the area choices of {@code pens} through
     * {@code erasure}, with {@code withdraw} (what takes them off MQTT, written to the outbox).
     */
    SessionRecorder.Erasure erase(String owner, Set<String> pens, PersonErasure erasure, Runnable withdraw) {
        List<Rejudged> changed = new ArrayList<>();
        PersonErasure.Erased erased = transactions.atomically(() -> {
            List<RecordedSession> others = othersAfterTheirCartridges(owner);
            PersonErasure.Erased done = erasure.erase(owner, pens);
            withdraw.run();
            changed.addAll(rejudging.rejudge(others));
            return done;
        });
        told.rejudged(changed);
        return new SessionRecorder.Erasure(erased, Rejudged.now(changed));
    }

    /** Other people's sessions that used a cartridge after the owner first did, in timeline order. */
    private List<RecordedSession> othersAfterTheirCartridges(String owner) {
        Map<String, Session> firstUse = new HashMap<>();
        for (RecordedSession r : history.list(HistoryQuery.all().withOwner(owner))) {
            if (!r.session().cartridge().isEmpty()) {
                firstUse.merge(r.session().cartridge(), r.session(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        TreeMap<Session, RecordedSession> others = new TreeMap<>(Session.TIMELINE_ORDER);
        firstUse.forEach((cartridge, first) -> history.cartridgeUses(cartridge).stream()
                .filter(s -> !s.owner().equals(owner) && first.isBefore(s))
                .forEach(s -> history.find(s.id()).ifPresent(r -> others.put(s, r))));
        return List.copyOf(others.values());
    }
}
