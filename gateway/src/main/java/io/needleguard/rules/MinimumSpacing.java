package io.needleguard.rules;

import static io.needleguard.rules.CalendarDays.capitalized;
import static io.needleguard.rules.CalendarDays.days;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code spacing.min-interval}: a treatment on an area too soon after an earlier one on an overlapping
 * area. The wait depends on the deeper of the two; it is a warning, and critical below half of it.
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
        Optional<Violation> worst = context.earlierOverlapping().stream()
                .map(earlier -> violation(earlier, session, table, zone))
                .flatMap(Optional::stream)
                .max(Comparator.comparing(Violation::critical).thenComparing(Violation::allowedFrom));
        if (worst.isEmpty()) {
            return List.of();
        }
        Violation v = worst.get();
        Instant nextSafe = nextSafeAt(session.area(), session.depth(), context.treatments(), table, zone)
                .orElseThrow();
        Session earlier = v.earlier().first();
        String message = capitalized(session.area().id()) + " needled "
                + (v.elapsedDays() == 0 ? "again the same day as" : days(v.elapsedDays()) + " after")
                + " the " + v.earlier().deepest() + " session on " + earlier.area() + " of "
                + CalendarDays.format(earlier.start(), zone)
                + "; at " + Depth.deeper(v.earlier().deepest(), session.depth()) + " wait at least "
                + days(v.requiredDays())
                + " between sessions on the same area. Let the skin recover: " + context.nextSession(nextSafe)
                + ".";
        return List.of(new Finding(
                ID,
                v.critical() ? Severity.CRITICAL : Severity.WARNING,
                message,
                table.source(),
                context.nextSafeAt(nextSafe)));
    }

    @Override
    public Optional<NextSafe> nextSafe(NextSafeQuery q) {
        ZoneId zone = q.owner().zone();
        SpacingTable table = q.settings().spacing();
        return q.treatments().stream()
                .filter(t -> RuleContext.overlap(t.area(), q.area()))
                .max(Comparator.comparing(t -> allowedAfter(t, q.depth(), table, zone)))
                .map(t -> NextSafe.at(
                        allowedAfter(t, q.depth(), table, zone),
                        ID,
                        "the " + t.deepest() + " session on " + t.area() + " of " + CalendarDays.format(t.start(), zone)
                                + ": at " + Depth.deeper(t.deepest(), q.depth()) + " wait "
                                + days(table.daysFor(Depth.deeper(t.deepest(), q.depth())))));
    }

    /**
     * The earliest time a treatment on {@code area} at {@code depth} keeps the spacing to every
     * treatment given: the latest of each overlapping treatment's day plus its interval.
     */
    static Optional<Instant> nextSafeAt(
            Area area, Depth depth, List<Treatment> treatments, SpacingTable table, ZoneId zone) {
        return treatments.stream()
                .filter(t -> RuleContext.overlap(t.area(), area))
                .map(t -> allowedAfter(t, depth, table, zone))
                .max(Comparator.naturalOrder());
    }

    private static Instant allowedAfter(Treatment t, Depth depth, SpacingTable table, ZoneId zone) {
        return CalendarDays.startOfDayAfter(t.start(), table.daysFor(Depth.deeper(t.deepest(), depth)), zone);
    }

    private static Optional<Violation> violation(Treatment earlier, Session session, SpacingTable table, ZoneId zone) {
        int required = table.daysFor(Depth.deeper(earlier.deepest(), session.depth()));
        long elapsed = CalendarDays.between(earlier.start(), session.start(), zone);
        if (elapsed >= required) {
            return Optional.empty();
        }
        return Optional.of(new Violation(
                earlier,
                elapsed,
                required,
                elapsed * 2 < required,
                CalendarDays.startOfDayAfter(earlier.start(), required, zone)));
    }

    private record Violation(
            Treatment earlier, long elapsedDays, int requiredDays, boolean critical, Instant allowedFrom) {}
}
