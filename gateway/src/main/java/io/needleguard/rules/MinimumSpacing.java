package io.needleguard.rules;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code spacing.min-interval}: a session on an area too soon after an earlier one on an overlapping
 * area. The wait depends on the deeper of the two sessions; it is a warning, and critical below half
 * the interval.
 */
public final class MinimumSpacing implements Rule {

    public static final String ID = "spacing.min-interval";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session session = context.session();
        ZoneId zone = context.owner().zone();
        SpacingTable table = context.settings().spacing();

        Optional<Violation> worst = context.earlierOwnerSessions().stream()
                .filter(earlier -> Areas.overlap(earlier.area(), session.area()))
                .map(earlier -> violation(earlier, session, table, zone))
                .flatMap(Optional::stream)
                .max(Comparator.comparing(Violation::critical).thenComparing(Violation::allowedFrom));
        if (worst.isEmpty()) {
            return List.of();
        }
        Violation v = worst.get();
        Instant nextSafe = nextSafeAt(session.area(), session.depth(), withSession(context), table, zone);
        String message = session.area().id().substring(0, 1).toUpperCase() + session.area().id().substring(1)
                + " needled " + (v.elapsedDays() == 0 ? "again the same day as" : days(v.elapsedDays()) + " after")
                + " the " + v.earlier().depth() + " session on "
                + v.earlier().area() + " of " + CalendarDays.format(v.earlier().start(), zone) + "; at "
                + Depth.deeper(v.earlier().depth(), session.depth()) + " wait at least " + days(v.requiredDays())
                + " between sessions on the same area. Let the skin recover: next session on " + session.area()
                + " from " + CalendarDays.format(nextSafe, zone) + ".";
        return List.of(new Finding(ID, v.critical() ? Severity.CRITICAL : Severity.WARNING, message, table.source(), nextSafe));
    }

    /**
     * The earliest time a session on {@code area} at {@code depth} keeps the spacing to every session
     * in {@code timeline} (any order): the latest of each overlapping session's day plus its interval.
     */
    public static Instant nextSafeAt(Area area, Depth depth, List<Session> timeline, SpacingTable table, ZoneId zone) {
        return timeline.stream()
                .filter(s -> Areas.overlap(s.area(), area))
                .map(s -> CalendarDays.startOfDayAfter(s.start(), table.daysFor(Depth.deeper(s.depth(), depth)), zone))
                .max(Comparator.naturalOrder())
                .orElse(Instant.MIN);
    }

    private static List<Session> withSession(RuleContext context) {
        List<Session> all = new ArrayList<>(context.earlierOwnerSessions());
        all.add(context.session());
        return all;
    }

    private static Optional<Violation> violation(Session earlier, Session session, SpacingTable table, ZoneId zone) {
        if (Areas.continuesTreatment(earlier, session)) {
            return Optional.empty();
        }
        int required = table.daysFor(Depth.deeper(earlier.depth(), session.depth()));
        long elapsed = CalendarDays.between(earlier.start(), session.start(), zone);
        if (elapsed >= required) {
            return Optional.empty();
        }
        return Optional.of(new Violation(earlier, elapsed, required, elapsed * 2 < required,
                CalendarDays.startOfDayAfter(earlier.start(), required, zone)));
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    private record Violation(Session earlier, long elapsedDays, int requiredDays, boolean critical, Instant allowedFrom) {
    }
}
