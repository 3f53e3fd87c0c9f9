package io.needleguard.rules;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One treatment of one area: a session, or several when the pen was stopped and started again on
 * the same area within the continuation gap (a pause, a cartridge or a battery change). Frequency,
 * spacing and duration count treatments, so a pause is never read as needling the skin twice.
 */
record Treatment(List<Session> sessions) {

    Treatment {
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("a treatment has at least one session");
        }
    }

    Session first() {
        return sessions.get(0);
    }

    Area area() {
        return first().area();
    }

    Instant start() {
        return first().start();
    }

    /**
     * When its last part ended: the latest end, which need not be the last part's (pens overlap). A
     * part logged by hand without a duration ends, as far as anyone knows, when it started.
     */
    Instant end() {
        return latestEnd(sessions);
    }

    Depth deepest() {
        return sessions.stream().map(Session::depth).reduce(Depth.ofHundredths(0), Depth::deeper);
    }

    boolean contains(Session session) {
        return sessions.stream().anyMatch(s -> s.id().equals(session.id()));
    }

    /**
     * Groups sessions (in timeline order) into treatments: a session continues the treatment of the
     * same area that ended last when it starts no later than {@code gap} after that treatment's latest
     * end, whichever pen's part that was.
     */
    static List<Treatment> of(List<Session> timeline, Duration gap) {
        List<List<Session>> groups = new ArrayList<>();
        for (Session s : timeline) {
            List<Session> open = null;
            Instant openEnd = null;
            for (List<Session> g : groups) {
                if (g.get(0).area() == s.area()) {
                    Instant end = latestEnd(g);
                    if (openEnd == null || end.isAfter(openEnd)) {
                        open = g;
                        openEnd = end;
                    }
                }
            }
            if (open != null && !s.start().isAfter(openEnd.plus(gap))) {
                open.add(s);
            } else {
                List<Session> fresh = new ArrayList<>();
                fresh.add(s);
                groups.add(fresh);
            }
        }
        return groups.stream().map(Treatment::new).toList();
    }

    private static Instant latestEnd(List<Session> group) {
        return group.stream().map(Session::endOrStart).max(Instant::compareTo).orElseThrow();
    }
}
