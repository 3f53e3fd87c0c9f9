package io.needleguard.gateway;

import io.needleguard.history.HistoryException;
import io.needleguard.history.HistoryTrouble;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Household;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenIdentity;
import io.needleguard.profile.StatusFrame;
import io.needleguard.rules.Finding;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several listeners as one, told on the {@link ListenerThread} in the order events happened; one
 * listener failing does not keep the others from hearing. A listener that
 * writes to the history (MQTT's live findings go to the outbox) and meets a full disk is not a bug: that
 * is logged once per change of trouble, with the pens' own, and without a stack trace.
 */
final class Listeners implements GatewayListener {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<GatewayListener> listeners;
    private final ListenerThread thread;
    private final HistoryTrouble trouble;

    Listeners(List<GatewayListener> listeners, ListenerThread thread) {
        this.listeners = List.copyOf(listeners);
        this.thread = thread;
        this.trouble = new HistoryTrouble(this::historyWritable);
    }

    /** Whether the history can be written, as whoever wrote to it last found: shared with the pens' links. */
    HistoryTrouble trouble() {
        return trouble;
    }

    /** Whether nobody listens (a replay): then what only listeners would hear need not be worked out. */
    boolean none() {
        return listeners.isEmpty();
    }

    /**
     * Runs work that only listeners need (what an event means for them, read from the history) on their
     * thread, in order with the events: whatever it tells them is told at once, there.
     */
    void later(Runnable work) {
        if (!listeners.isEmpty()) {
            thread.run(work);
        }
    }

    private void each(Consumer<GatewayListener> call) {
        if (!listeners.isEmpty()) {
            thread.run(() -> tellEach(call));
        }
    }

    private void tellEach(Consumer<GatewayListener> call) {
        for (GatewayListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (HistoryException e) {
                if (trouble.failed(e)) {
                    log.error("{}", e.getMessage());
                }
            } catch (RuntimeException e) {
                log.error("listener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    @Override
    public void recorded(RecordedSession session) {
        each(l -> l.recorded(session));
    }

    @Override
    public void duplicate(SessionId id) {
        each(l -> l.duplicate(id));
    }

    @Override
    public void findingsChanged(RecordedSession session, List<Finding> previous) {
        each(l -> l.findingsChanged(session, previous));
    }

    @Override
    public void edited(RecordedSession now, RecordedSession before) {
        each(l -> l.edited(now, before));
    }

    @Override
    public void deleted(RecordedSession was) {
        each(l -> l.deleted(was));
    }

    @Override
    public void penState(String serial, LinkState state) {
        each(l -> l.penState(serial, state));
    }

    @Override
    public void penIdentified(PenIdentity identity) {
        each(l -> l.penIdentified(identity));
    }

    @Override
    public void penBattery(String serial, int percent) {
        each(l -> l.penBattery(serial, percent));
    }

    @Override
    public void penStatus(String serial, StatusFrame status) {
        each(l -> l.penStatus(serial, status));
    }

    @Override
    public void penWaiting(String serial, long sessions) {
        each(l -> l.penWaiting(serial, sessions));
    }

    @Override
    public void penRefused(String serial, String address) {
        each(l -> l.penRefused(serial, address));
    }

    @Override
    public void badFrame(String serial, String problem) {
        each(l -> l.badFrame(serial, problem));
    }

    @Override
    public void liveFindings(Session running, List<Finding> findings) {
        each(l -> l.liveFindings(running, findings));
    }

    @Override
    public void ownerStatus(SafetyStatus.OwnerStatus status) {
        each(l -> l.ownerStatus(status));
    }

    @Override
    public void pensChanged(Set<String> pens) {
        each(l -> l.pensChanged(pens));
    }

    @Override
    public void areaChosen(String serial, Area area) {
        each(l -> l.areaChosen(serial, area));
    }

    @Override
    public void penKnown(String serial, Optional<Area> chosenArea, Optional<RecordedSession> lastSession) {
        each(l -> l.penKnown(serial, chosenArea, lastSession));
    }

    @Override
    public void historyChanged() {
        each(GatewayListener::historyChanged);
    }

    @Override
    public void householdChanged(Household household) {
        each(l -> l.householdChanged(household));
    }

    @Override
    public void historyWritable(boolean writable) {
        each(l -> l.historyWritable(writable));
    }
}
