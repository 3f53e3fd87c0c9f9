package io.needleguard.gateway;

import io.needleguard.history.RecorderListener;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenIdentity;
import io.needleguard.profile.StatusFrame;

/**
 * Hears everything the gateway sees: the recorder's events and the pens' live state. Called on pen
 * threads; keep calls short.
 */
public interface GatewayListener extends RecorderListener {

    default void penState(String serial, LinkState state) {
    }

    default void penIdentified(PenIdentity identity) {
    }

    default void penBattery(String serial, int percent) {
    }

    default void penStatus(String serial, StatusFrame status) {
    }

    /** A frame from the pen could not be decoded and was dropped. */
    default void badFrame(String serial, String problem) {
    }

    /** A listener that only cares about recorded sessions. */
    static GatewayListener of(RecorderListener recorderListener) {
        return new GatewayListener() {
            @Override
            public void recorded(io.needleguard.history.RecordedSession session) {
                recorderListener.recorded(session);
            }

            @Override
            public void duplicate(io.needleguard.session.SessionId id) {
                recorderListener.duplicate(id);
            }

            @Override
            public void findingsChanged(io.needleguard.history.RecordedSession session,
                                        java.util.List<io.needleguard.rules.Finding> previous) {
                recorderListener.findingsChanged(session, previous);
            }
        };
    }
}
