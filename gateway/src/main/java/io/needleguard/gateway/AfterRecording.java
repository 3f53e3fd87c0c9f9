package io.needleguard.gateway;

import io.needleguard.history.RecordedSession;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Household;
import io.needleguard.rules.Finding;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * After each change to the history: tell the listeners, then the owner's new next safe times. On the
 * listeners' thread: the recorder (and the pen waiting to be told it may delete the session) goes on
 * at once.
 */
final class AfterRecording implements RecorderListener {

    private final Listeners listeners;
    private final SafetyStatus status;
    private final Supplier<Household> household;
    private final Clock clock;

    AfterRecording(Listeners listeners, SafetyStatus status, Supplier<Household> household, Clock clock) {
        this.listeners = listeners;
        this.status = status;
        this.household = household;
        this.clock = clock;
    }

    @Override
    public void recorded(RecordedSession session) {
        listeners.later(() -> {
            listeners.recorded(session);
            nextSafe(session.session().owner());
        });
    }

    @Override
    public void duplicate(SessionId id) {
        listeners.duplicate(id);
    }

    @Override
    public void findingsChanged(RecordedSession session, List<Finding> previous) {
        listeners.later(() -> {
            listeners.findingsChanged(session, previous);
            nextSafe(session.session().owner());
        });
    }

    @Override
    public void edited(RecordedSession now, RecordedSession before) {
        listeners.later(() -> {
            listeners.edited(now, before);
            nextSafe(now.session().owner());
            if (!before.session().owner().equals(now.session().owner())) {
                nextSafe(before.session().owner());
            }
        });
    }

    @Override
    public void deleted(RecordedSession was) {
        listeners.later(() -> {
            listeners.deleted(was);
            nextSafe(was.session().owner());
        });
    }

    private void nextSafe(String ownerId) {
        // Every area's next safe time costs more than recording the session: only for someone to tell.
        if (listeners.none()) {
            return;
        }
        listeners.ownerStatus(status.statusOf(household.get().ownerOrDefault(ownerId), clock.instant()));
    }
}
