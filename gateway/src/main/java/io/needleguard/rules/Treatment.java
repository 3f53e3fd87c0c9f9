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

    Instant end() {
        return sessions.get(sessions.size() - 1).end();
    }

    Depth deepest() {
        return sessions.stream().map(Session::depth).reduce(Depth.ofHundredths(0), Depth::deeper);
    }

    Duration needling() {
        return sessions.stream().map(Session::duration).reduce(Duration.ZERO, Duration::plus);
    }

    boolean contains(Session session) {
        return sessions.stream().anyMatch(s -> s.id().equals(session.id()));
    }

    /**
     * Groups sessions (in timeline order) into treatments: a session continues the latest treatment
     * of the same area when it starts no later than {@code gap} after that treatment ended.
     */
    static List<Treatment> of(List<Session> timeline, Duration gap) {
        List<List<Session>> groups = new ArrayList<>();
        for (Session s : timeline) {
            List<Session> open = null;
            for (int i = groups.size() - 1; i >= 0; i--) {
                List<Session> g = groups.get(i);
                if (g.get(0).area() == s.area()) {
                    open = g;
                    break;
                }
            }
            if (open != null
                    && !s.start().isAfter(open.get(open.size() - 1).end().plus(gap))) {
                open.add(s);
            } else {
                List<Session> fresh = new ArrayList<>();
                fresh.add(s);
                groups.add(fresh);
            }
        }
        return groups.stream().map(Treatment::new).toList();
    }
}
