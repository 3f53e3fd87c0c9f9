package io.needleguard.rules;

import io.needleguard.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code overuse.session-duration}: too long on one area in one treatment, or too much needling in
 * one calendar day across all areas. A session logged by hand without a duration adds nothing to either
 * sum; the rule says that it could not count it rather than guess how long it was.
 */
public final class SessionDuration implements Rule {

    public static final String ID = "overuse.session-duration";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session session = context.session();
        ZoneId zone = context.owner().zone();
        List<Finding> findings = new ArrayList<>();

        Treatment treatment = context.treatment();
        Duration onArea = treatment.sessions().stream()
                .filter(s -> !session.isBefore(s))
                .map(s -> s.duration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        if (session.duration().isEmpty()) {
            findings.add(new Finding(
                    ID,
                    Severity.INFO,
                    "No duration: the session was logged by hand without one, so it is not counted against the "
                            + minutes(context.settings().areaSessionMax().value()) + " for one area or the "
                            + minutes(context.settings().dailyMax().value())
                            + " for a day. Give its duration (needleguard log edit " + session.id()
                            + " --duration 10m) to have it counted.",
                    context.settings().areaSessionMax().source(),
                    null));
        }
        Sourced<Duration> areaMax = context.settings().areaSessionMax();
        if (onArea.compareTo(areaMax.value()) > 0) {
            String pause = treatment.sessions().size() > 1 ? " (one treatment, with pauses)" : "";
            findings.add(new Finding(
                    ID,
                    Severity.WARNING,
                    "Needled " + session.area() + " for " + minutes(onArea) + " in one go" + pause
                            + "; keep one area under " + minutes(areaMax.value())
                            + ": longer means more passes over the same skin.",
                    areaMax.source(),
                    null));
        }

        // Each calendar day the session touches, the latest first: a session from 23:50 to 00:20 counts
        // 10 minutes on the first day and 20 on the second.
        Sourced<Duration> dayMax = context.settings().dailyMax();
        for (LocalDate day = CalendarDays.dateOf(lastMoment(session), zone);
                !day.isBefore(CalendarDays.dateOf(session.start(), zone));
                day = day.minusDays(1)) {
            Instant from = CalendarDays.startOf(day, zone);
            Instant to = CalendarDays.startOf(day.plusDays(1), zone);
            List<Session> that = context.timeline().stream()
                    .filter(s -> !between(s, from, to).isZero())
                    .toList();
            Duration total = that.stream().map(s -> between(s, from, to)).reduce(Duration.ZERO, Duration::plus);
            if (total.compareTo(dayMax.value()) > 0) {
                Instant nextDay = CalendarDays.startOf(day.plusDays(1), zone);
                findings.add(new Finding(
                        ID,
                        Severity.WARNING,
                        minutes(total) + " of needling on " + CalendarDays.format(CalendarDays.startOf(day, zone), zone)
                                + " (" + that.size() + (that.size() == 1 ? " session" : " sessions")
                                + "); keep a day's total under " + minutes(dayMax.value()) + ". Stop for the day: "
                                + context.nextSession(nextDay) + ".",
                        dayMax.source(),
                        context.nextSafeAt(nextDay)));
                break;
            }
        }
        return findings;
    }

    /** The part of a session that falls in {@code [from, to)}: a calendar day, in the rules' use. */
    private static Duration between(Session s, Instant from, Instant to) {
        Instant start = s.start().isAfter(from) ? s.start() : from;
        Instant end = s.endOrStart().isBefore(to) ? s.endOrStart() : to;
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }

    /** The last moment a session needles: its end is exclusive (a session ending at midnight is the day before's). */
    private static Instant lastMoment(Session s) {
        return s.endOrStart().isAfter(s.start()) ? s.endOrStart().minusNanos(1) : s.start();
    }

    @Override
    public Optional<NextSafe> nextSafe(NextSafeQuery q) {
        ZoneId zone = q.owner().zone();
        LocalDate today = CalendarDays.dateOf(q.now(), zone);
        // The day's bounds once, not once per session: zone rules are the dear part.
        Instant from = CalendarDays.startOf(today, zone);
        Instant to = CalendarDays.startOf(today.plusDays(1), zone);
        Duration total = q.timeline().stream().map(s -> between(s, from, to)).reduce(Duration.ZERO, Duration::plus);
        if (total.compareTo(q.settings().dailyMax().value()) < 0) {
            return Optional.empty();
        }
        return Optional.of(NextSafe.at(
                CalendarDays.startOf(today.plusDays(1), zone), ID, minutes(total) + " of needling today already"));
    }

    static String minutes(Duration d) {
        long seconds = d.toSeconds();
        long m = seconds / 60;
        long s = seconds % 60;
        return s == 0 ? m + " minutes" : m + " min " + s + " s";
    }
}
