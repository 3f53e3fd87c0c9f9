package io.needleguard.rules;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code overuse.frequency}: too many treatments of one area in any 7 or any 30 calendar days. How
 * many are allowed depends on how deep they went (src/docs/safety-rules.md).
 */
public final class OveruseFrequency implements Rule {

    public static final String ID = "overuse.frequency";
    /** Far enough ahead that every window has emptied. */
    private static final int HORIZON_DAYS = 31;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session session = context.session();
        Treatment current = context.treatment();
        if (!current.first().id().equals(session.id())) {
            return List.of(); // a continuation after a pause: the treatment was judged at its start
        }
        ZoneId zone = context.owner().zone();
        FrequencyLimits limits = context.settings().frequency();
        List<Treatment> overlapping = context.treatments().stream()
                .filter(t -> RuleContext.overlap(t.area(), session.area()))
                .toList();
        LocalDate today = CalendarDays.dateOf(session.start(), zone);
        Optional<Window> worst = worstWindow(overlapping, today, zone, limits);
        if (worst.isEmpty()) {
            return List.of();
        }
        Window w = worst.get();
        Instant nextSafe = nextSafeAt(
                session.area(),
                session.depth(),
                context.treatments().stream().filter(t -> !t.equals(current)).toList(),
                current,
                limits,
                zone,
                today);
        String dates = w.treatments().stream()
                .map(t -> CalendarDays.format(t.start(), zone).substring(0, 10).trim())
                .collect(Collectors.joining(", "));
        String message =
                ordinal(w.treatments().size()) + " session on " + session.area() + " in " + w.days() + " days ("
                        + dates + "); with sessions up to " + w.deepest() + ", allow at most " + w.limit() + " in any "
                        + w.days()
                        + " days. Give the skin time to rebuild: " + context.nextSession(ID, nextSafe) + ".";
        return List.of(new Finding(ID, Severity.WARNING, message, limits.source(), context.nextSafeAt(nextSafe)));
    }

    @Override
    public Optional<NextSafe> nextSafe(NextSafeQuery q) {
        ZoneId zone = q.owner().zone();
        LocalDate today = CalendarDays.dateOf(q.now(), zone);
        FrequencyLimits limits = q.settings().frequency();
        Instant at = nextSafeAt(q.area(), q.depth(), q.treatments(), null, limits, zone, today);
        if (!at.isAfter(CalendarDays.startOf(today, zone))) {
            return Optional.empty();
        }
        List<Treatment> overlapping = q.treatments().stream()
                .filter(t -> RuleContext.overlap(t.area(), q.area()))
                .toList();
        // Name the window that still holds the area back on the last day before the date found.
        LocalDate lastBlocked = CalendarDays.dateOf(at, zone).minusDays(1);
        int days = fits(overlapping, lastBlocked, q.depth(), 7, zone, limits) ? 30 : 7;
        List<Treatment> inWindow = within(overlapping, today, days, zone);
        Depth deepest = inWindow.stream().map(Treatment::deepest).reduce(q.depth(), Depth::deeper);
        int limit = days == 7 ? limits.perWeek(deepest) : limits.perMonth(deepest);
        String where =
                q.area() == Area.UNSPECIFIED ? "on any area (an unspecified area overlaps all)" : "on " + q.area();
        return Optional.of(NextSafe.at(
                at,
                ID,
                inWindow.size() + " sessions " + where + " in the last " + days + " days; at most " + limit + " in any "
                        + days + " days with sessions up to " + deepest));
    }

    /**
     * The first day from {@code from} on which one more treatment on {@code area} at {@code depth}
     * keeps every 7- and 30-day window within its limit.
     *
     * @param also a treatment to count besides {@code treatments} (the one just judged), or null
     */
    static Instant nextSafeAt(
            Area area,
            Depth depth,
            List<Treatment> treatments,
            Treatment also,
            FrequencyLimits limits,
            ZoneId zone,
            LocalDate from) {
        List<Treatment> overlapping = new ArrayList<>(treatments.stream()
                .filter(t -> RuleContext.overlap(t.area(), area))
                .toList());
        if (also != null) {
            overlapping.add(also);
        }
        for (int d = 0; d < HORIZON_DAYS; d++) {
            LocalDate day = from.plusDays(d);
            if (fits(overlapping, day, depth, 7, zone, limits) && fits(overlapping, day, depth, 30, zone, limits)) {
                return CalendarDays.startOf(day, zone);
            }
        }
        return CalendarDays.startOf(from.plusDays(HORIZON_DAYS), zone);
    }

    private static boolean fits(
            List<Treatment> overlapping, LocalDate day, Depth depth, int days, ZoneId zone, FrequencyLimits limits) {
        List<Treatment> inWindow = within(overlapping, day, days, zone);
        Depth deepest = inWindow.stream().map(Treatment::deepest).reduce(depth, Depth::deeper);
        return inWindow.size() + 1 <= (days == 7 ? limits.perWeek(deepest) : limits.perMonth(deepest));
    }

    private static Optional<Window> worstWindow(
            List<Treatment> overlapping, LocalDate today, ZoneId zone, FrequencyLimits limits) {
        Optional<Window> week = window(overlapping, today, 7, zone, limits);
        Optional<Window> month = window(overlapping, today, 30, zone, limits);
        return week.isPresent() ? week : month;
    }

    private static Optional<Window> window(
            List<Treatment> overlapping, LocalDate today, int days, ZoneId zone, FrequencyLimits limits) {
        List<Treatment> inWindow = within(overlapping, today, days, zone);
        Depth deepest = inWindow.stream().map(Treatment::deepest).reduce(Depth.ofHundredths(0), Depth::deeper);
        int limit = days == 7 ? limits.perWeek(deepest) : limits.perMonth(deepest);
        return inWindow.size() > limit ? Optional.of(new Window(days, inWindow, limit, deepest)) : Optional.empty();
    }

    /** Treatments whose start falls in the {@code days} calendar days ending with {@code day}. */
    private static List<Treatment> within(List<Treatment> treatments, LocalDate day, int days, ZoneId zone) {
        LocalDate first = day.minusDays(days - 1L);
        return treatments.stream()
                .filter(t -> {
                    LocalDate d = CalendarDays.dateOf(t.start(), zone);
                    return !d.isBefore(first) && !d.isAfter(day);
                })
                .toList();
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    private record Window(int days, List<Treatment> treatments, int limit, Depth deepest) {}
}
