package io.needleguard.rules;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
        // Per area, the group that ended last and its latest end. Only it can be continued: a session
        // that joins it can only move its end later, and one that starts a new group starts after it
        // ended, so the newest group of an area is always the one that ended last. One pass, not one
        // look at every group per session.
        Map<Area, List<Session>> open = new EnumMap<>(Area.class);
        Map<Area, Instant> openEnd = new EnumMap<>(Area.class);
        for (Session s : timeline) {
            List<Session> group = open.get(s.area());
            Instant end = openEnd.get(s.area());
            if (group != null && !s.start().isAfter(end.plus(gap))) {
                group.add(s);
                if (s.endOrStart().isAfter(end)) {
                    openEnd.put(s.area(), s.endOrStart());
                }
            } else {
                List<Session> fresh = new ArrayList<>();
                fresh.add(s);
                groups.add(fresh);
                open.put(s.area(), fresh);
                openEnd.put(s.area(), s.endOrStart());
            }
        }
        return groups.stream().map(Treatment::new).toList();
    }

    private static Instant latestEnd(List<Session> group) {
        return group.stream().map(Session::endOrStart).max(Instant::compareTo).orElseThrow();
    }
}
