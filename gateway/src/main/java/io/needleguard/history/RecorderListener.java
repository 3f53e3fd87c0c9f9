package io.needleguard.history;

import io.needleguard.rules.Finding;
import io.needleguard.session.SessionId;
import java.util.List;

/**
 * Hears what the recorder did, after it is stored. Called on the recorder's thread: implementations
 * hand slow work (network, console) to their own threads or keep it short.
 */
public interface RecorderListener {

    /** A new session was stored with its findings. */
    default void recorded(RecordedSession session) {}

    /** A session already in the history arrived again and was not stored a second time. */
    default void duplicate(SessionId id) {}

    /**
     * A stored session's findings changed because a session that sorts before it arrived late.
     *
     * @param previous the findings it had before
     */
    default void findingsChanged(RecordedSession session, List<Finding> previous) {}

    /** A session logged by hand was corrected: what it is now, with its findings, and what it was. */
    default void edited(RecordedSession now, RecordedSession before) {}

    /** A session logged by hand was deleted: what it was. */
    default void deleted(RecordedSession was) {}

    RecorderListener NONE = new RecorderListener() {};
}
