package io.needleguard.link;

import io.needleguard.profile.FrameException;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;

/** What pen links report. Called on the pen's own link thread, one call at a time per pen. */
public interface PenListener {

    default void identified(PenIdentity identity) {
    }

    default void stateChanged(String serial, LinkState state) {
    }

    default void battery(String serial, int percent) {
    }

    default void status(String serial, StatusFrame status) {
    }

    /**
     * A session the pen recorded. Must return only once the session is durably recorded: the link
     * then lets the pen delete it. Throwing means "not recorded": the pen keeps it.
     */
    void sessionRecord(String serial, SessionRecordFrame record);

    /** A device claimed a paired pen's serial from another address and was refused. Called on a backend thread. */
    default void refused(String serial, String address) {
    }

    /** A frame that could not be decoded; it was dropped. */
    default void badFrame(String serial, FrameException problem) {
    }
}
