package io.needleguard.gateway;

import io.needleguard.history.RecordedSession;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Household;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenIdentity;
import io.needleguard.profile.StatusFrame;
import io.needleguard.rules.Finding;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hears everything the gateway sees: the recorder's events and the pens' live state. Called on the
 * gateway's one listener thread ({@link ListenerThread}), in the order things happened; keep calls short:
 * a slow listener delays what the others hear (never a pen).
 */
public interface GatewayListener extends RecorderListener {

    default void penState(String serial, LinkState state) {}

    default void penIdentified(PenIdentity identity) {}

    default void penBattery(String serial, int percent) {}

    default void penStatus(String serial, StatusFrame status) {}

    /** How many sessions the connected pen still holds for the gateway to fetch (see {@link io.needleguard.link.PenListener#waiting}). */
    default void penWaiting(String serial, long sessions) {}

    /** A device at {@code address} claimed to be the paired pen {@code serial}, from another address, and was refused. */
    default void penRefused(String serial, String address) {}

    /** A frame from the pen could not be decoded and was dropped. */
    default void badFrame(String serial, String problem) {}

    /**
     * A pen is running in a way the rules flag, before the session has ended.
     *
     * @param running the session as it stands (counter 0: pens count finished sessions from 1)
     */
    default void liveFindings(Session running, List<Finding> findings) {}

    /** An owner's next safe times and open findings, after their history changed. */
    default void ownerStatus(SafetyStatus.OwnerStatus status) {}

    /**
     * The pens this gateway records (configured and paired), at start and whenever they change (a pen
     * paired or forgotten from the command line). A pen that left the set is no longer recorded.
     */
    default void pensChanged(Set<String> pens) {}

    /** The area chosen for a pen's next sessions: each stored choice at start, then every new choice. */
    default void areaChosen(String serial, Area area) {}

    /**
     * What the history holds of a pen the gateway records: the area chosen for it and its latest
     * session. For every pen at start, and for a pen when it joins.
     */
    default void penKnown(String serial, Optional<Area> chosenArea, Optional<RecordedSession> lastSession) {}

    /**
     * Another process (a {@code needleguard} command) changed the history: whatever it wrote to the
     * outbox is waiting to be published.
     */
    default void historyChanged() {}

    /**
     * The household in force changed while the gateway runs (a person added or removed, a time zone, a
     * pen's owner, a device): from now on sessions are recorded, judged and told for this one. The owners'
     * statuses follow, told for the people now in it.
     */
    default void householdChanged(Household household) {}

    /** A listener that only cares about recorded sessions. */
    static GatewayListener of(RecorderListener recorderListener) {
        return new GatewayListener() {
            @Override
            public void recorded(RecordedSession session) {
                recorderListener.recorded(session);
            }

            @Override
            public void duplicate(io.needleguard.session.SessionId id) {
                recorderListener.duplicate(id);
            }

            @Override
            public void findingsChanged(RecordedSession session, List<Finding> previous) {
                recorderListener.findingsChanged(session, previous);
            }

            @Override
            public void edited(RecordedSession now, RecordedSession before) {
                recorderListener.edited(now, before);
            }

            @Override
            public void deleted(RecordedSession was) {
                recorderListener.deleted(was);
            }
        };
    }

    /**
     * The history could not be written ({@code false}: a full disk; the pens keep their sessions meanwhile
     * and are connected less often), or can be again ({@code true}). Told once per change, after the
     * gateway has logged it.
     */
    default void historyWritable(boolean writable) {}
}
