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
 * one calendar day across all areas.
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
                .map(Session::duration)
                .reduce(Duration.ZERO, Duration::plus);
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

        LocalDate day = CalendarDays.dateOf(session.start(), zone);
        List<Session> today = context.timeline().stream()
                .filter(s -> CalendarDays.dateOf(s.start(), zone).equals(day))
                .toList();
        Duration total = today.stream().map(Session::duration).reduce(Duration.ZERO, Duration::plus);
        Sourced<Duration> dayMax = context.settings().dailyMax();
        if (total.compareTo(dayMax.value()) > 0) {
            Instant tomorrow = CalendarDays.startOf(day.plusDays(1), zone);
            findings.add(new Finding(
                    ID,
                    Severity.WARNING,
                    minutes(total) + " of needling on " + CalendarDays.format(session.start(), zone) + " ("
                            + today.size() + " sessions); keep a day's total under " + minutes(dayMax.value())
                            + ". Stop for today.",
                    dayMax.source(),
                    tomorrow));
        }
        return findings;
    }

    @Override
    public Optional<NextSafe> nextSafe(NextSafeQuery q) {
        ZoneId zone = q.owner().zone();
        LocalDate today = CalendarDays.dateOf(q.now(), zone);
        Duration total = q.timeline().stream()
                .filter(s -> CalendarDays.dateOf(s.start(), zone).equals(today))
                .map(Session::duration)
                .reduce(Duration.ZERO, Duration::plus);
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
