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
        List<Dated> overlapping = dated(context.treatments(), session.area(), zone);
        LocalDate today = CalendarDays.dateOf(session.start(), zone);
        Optional<Window> worst = worstWindow(overlapping, today, limits);
        if (worst.isEmpty()) {
            return List.of();
        }
        Window w = worst.get();
        // Every treatment on an overlapping area, this one included.
        Instant nextSafe = nextSafeAt(session.depth(), overlapping, limits, zone, today);
        // Each earlier treatment's day, and its area where it is not this session's (an unspecified area
        // overlaps every area, so the window may hold others).
        String dates = w.treatments().stream()
                .map(t -> CalendarDays.format(t.start(), t.first().zoneOr(zone))
                                .substring(0, 10)
                                .trim()
                        + (t.area() == session.area() ? "" : " " + t.area()))
                .collect(Collectors.joining(", "));
        String message =
                ordinal(w.treatments().size()) + " session " + where(session.area()) + " in " + w.days() + " days ("
                        + dates + "); with sessions up to " + w.deepest() + ", allow at most " + w.limit() + " in any "
                        + w.days()
                        + " days. Give the skin time to rebuild: " + context.nextSession(nextSafe) + ".";
        return List.of(new Finding(ID, Severity.WARNING, message, limits.source(), context.nextSafeAt(nextSafe)));
    }

    @Override
    public Optional<NextSafe> nextSafe(NextSafeQuery q) {
        ZoneId zone = q.owner().zone();
        LocalDate today = CalendarDays.dateOf(q.now(), zone);
        FrequencyLimits limits = q.settings().frequency();
        List<Dated> overlapping = dated(q.treatments(), q.area(), zone);
        Instant at = nextSafeAt(q.depth(), overlapping, limits, zone, today);
        if (!at.isAfter(CalendarDays.startOf(today, zone))) {
            return Optional.empty();
        }
        // Name the window that still holds the area back on the last day before the date found.
        LocalDate lastBlocked = CalendarDays.dateOf(at, zone).minusDays(1);
        int days = fits(overlapping, lastBlocked, q.depth(), 7, limits) ? 30 : 7;
        List<Treatment> inWindow = within(overlapping, today, days);
        Depth deepest = inWindow.stream().map(Treatment::deepest).reduce(q.depth(), Depth::deeper);
        int limit = days == 7 ? limits.perWeek(deepest) : limits.perMonth(deepest);
        return Optional.of(NextSafe.at(
                at,
                ID,
                inWindow.size() + (inWindow.size() == 1 ? " session " : " sessions ") + where(q.area())
                        + " in the last " + days + " days; at most " + limit + " in any " + days
                        + " days with sessions up to " + deepest));
    }

    /** {@code on cheeks}; an unspecified area counts every area's sessions, and says so. */
    private static String where(Area area) {
        return area == Area.UNSPECIFIED ? "on any area (an unspecified area overlaps all)" : "on " + area;
    }

    /**
     * A treatment with the calendar day it started on where it happened (its first session's zone; the
     * owner's current zone when none is stored), worked out once: the windows
     * below look at every treatment for each of up to 31 days.
     */
    private record Dated(Treatment treatment, LocalDate day) {}

    /** The treatments on an area that overlaps {@code area}, each with its day. */
    private static List<Dated> dated(List<Treatment> treatments, Area area, ZoneId zone) {
        List<Dated> dated = new ArrayList<>();
        for (Treatment t : treatments) {
            if (RuleContext.overlap(t.area(), area)) {
                dated.add(new Dated(t, CalendarDays.dateOf(t.start(), t.first().zoneOr(zone))));
            }
        }
        return dated;
    }

    /**
     * The first day from {@code from} on which one more treatment at {@code depth} keeps every 7- and
     * 30-day window of the {@code overlapping} treatments within its limit.
     */
    private static Instant nextSafeAt(
            Depth depth, List<Dated> overlapping, FrequencyLimits limits, ZoneId zone, LocalDate from) {
        for (int d = 0; d < HORIZON_DAYS; d++) {
            LocalDate day = from.plusDays(d);
            if (fits(overlapping, day, depth, 7, limits) && fits(overlapping, day, depth, 30, limits)) {
                return CalendarDays.startOf(day, zone);
            }
        }
        return CalendarDays.startOf(from.plusDays(HORIZON_DAYS), zone);
    }

    private static boolean fits(List<Dated> overlapping, LocalDate day, Depth depth, int days, FrequencyLimits limits) {
        LocalDate first = day.minusDays(days - 1L);
        int count = 0;
        Depth deepest = depth;
        for (Dated t : overlapping) {
            if (!t.day().isBefore(first) && !t.day().isAfter(day)) {
                count++;
                deepest = Depth.deeper(deepest, t.treatment().deepest());
            }
        }
        return count + 1 <= (days == 7 ? limits.perWeek(deepest) : limits.perMonth(deepest));
    }

    private static Optional<Window> worstWindow(List<Dated> overlapping, LocalDate today, FrequencyLimits limits) {
        Optional<Window> week = window(overlapping, today, 7, limits);
        Optional<Window> month = window(overlapping, today, 30, limits);
        return week.isPresent() ? week : month;
    }

    private static Optional<Window> window(List<Dated> overlapping, LocalDate today, int days, FrequencyLimits limits) {
        List<Treatment> inWindow = within(overlapping, today, days);
        Depth deepest = inWindow.stream().map(Treatment::deepest).reduce(Depth.ofHundredths(0), Depth::deeper);
        int limit = days == 7 ? limits.perWeek(deepest) : limits.perMonth(deepest);
        return inWindow.size() > limit ? Optional.of(new Window(days, inWindow, limit, deepest)) : Optional.empty();
    }

    /** Treatments whose start falls in the {@code days} calendar days ending with {@code day}. */
    private static List<Treatment> within(List<Dated> treatments, LocalDate day, int days) {
        LocalDate first = day.minusDays(days - 1L);
        List<Treatment> in = new ArrayList<>();
        for (Dated t : treatments) {
            if (!t.day().isBefore(first) && !t.day().isAfter(day)) {
                in.add(t.treatment());
            }
        }
        return in;
    }

    /** {@code 2nd}, {@code 3rd}, {@code 11th}, {@code 21st}. */
    static String ordinal(int n) {
        if (n % 100 >= 11 && n % 100 <= 13) {
            return n + "th";
        }
        return switch (n % 10) {
            case 1 -> n + "st";
            case 2 -> n + "nd";
            case 3 -> n + "rd";
            default -> n + "th";
        };
    }

    private record Window(int days, List<Treatment> treatments, int limit, Depth deepest) {}
}
