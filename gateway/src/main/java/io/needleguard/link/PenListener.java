package io.needleguard.link;

import io.needleguard.profile.FrameException;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;

/** What pen links report. Called on the pen's own link thread, one call at a time per pen. */
public interface PenListener {

    default void identified(PenIdentity identity) {}

    default void stateChanged(String serial, LinkState state) {}

    default void battery(String serial, int percent) {}

    default void status(String serial, StatusFrame status) {}

    /**
     * How many sessions the connected pen still holds for the gateway to fetch: what the pen answered
     * when asked on connection, then one less for each session stored, and 0 once the fetch is done.
     */
    default void waiting(String serial, long sessions) {}

    /**
     * A session the pen at {@code address} recorded. Must return true only once the session is durably
     * recorded (or was already): the link then lets the pen delete it. False (the pen is no longer
     * paired) or throwing (the history failed) means "not recorded": the pen keeps it, and the link drops.
     */
    boolean sessionRecord(String serial, String address, SessionRecordFrame record);

    /** A device claimed a paired pen's serial from another address and was refused. Called on a backend thread. */
    default void refused(String serial, String address) {}

    /** A frame that could not be decoded; it was dropped. */
    default void badFrame(String serial, FrameException problem) {}
}
