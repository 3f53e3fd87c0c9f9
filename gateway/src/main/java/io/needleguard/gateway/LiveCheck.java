package io.needleguard.gateway;

import io.needleguard.history.SessionRecorder;
import io.needleguard.household.SessionOwners;
import io.needleguard.profile.StatusFrame;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SessionDuration;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flags unsafe use as it happens: while a pen runs, its live status is judged as a session that
 * started when the pen did, so a depth, an area or a cartridge that is wrong is flagged before the
 * session ends. Each finding once per run; the finished session is judged in full when it is recorded.
 */
final class LiveCheck {

    /** The counter of a session still running: pens count finished sessions from 1. */
    static final long RUNNING = 0;

    private final SessionRecorder recorder;
    private final SessionOwners owners;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    private static final class Run {
        final Instant start;
        String settings;
        final Set<String> flagged = new HashSet<>();

        Run(Instant start) {
            this.start = start;
        }
    }

    /** @param owners whose a pen's running session is, as its recorded session will be (lendings too) */
    LiveCheck(SessionRecorder recorder, SessionOwners owners, Clock clock) {
        this.recorder = recorder;
        this.owners = owners;
        this.clock = clock;
    }

    /** The session as it stands and its new findings; an empty list when there is nothing new to say. */
    LiveResult onStatus(String serial, StatusFrame status) {
        if (!status.running()) {
            runs.remove(serial);
            return LiveResult.NOTHING;
        }
        Run run = runs.computeIfAbsent(serial, s -> new Run(clock.instant()));
        String settings = status.depth() + "/" + status.area() + "/" + status.cartridge();
        if (Objects.equals(settings, run.settings)) {
            return LiveResult.NOTHING;
        }
        run.settings = settings;
        Session running = new Session(
                new SessionId(serial, RUNNING),
                owners.ownerOfSession(serial, run.start).id(),
                status.area(),
                status.depth(),
                status.strokeHz(),
                run.start,
                run.start,
                status.cartridge());
        List<Finding> fresh = recorder.evaluate(running).stream()
                .filter(f -> !f.rule().equals(SessionDuration.ID)) // a running session has no duration yet
                .filter(f -> run.flagged.add(f.rule() + "/" + f.severity() + "/" + f.message()))
                .toList();
        return new LiveResult(running, fresh);
    }

    record LiveResult(Session running, List<Finding> findings) {
        static final LiveResult NOTHING = new LiveResult(null, List.of());
    }
}
