package io.needleguard.person;

import io.needleguard.history.ConditionHistory;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SessionHistory;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.person.ClinicianReport.AreaSeries;
import io.needleguard.person.ClinicianReport.CartridgeUse;
import io.needleguard.person.ClinicianReport.Limit;
import io.needleguard.person.ClinicianReport.Point;
import io.needleguard.person.ClinicianReport.SessionFinding;
import io.needleguard.rules.Finding;
import io.needleguard.rules.RuleSettings;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Gathers a {@link ClinicianReport} from the history. */
public final class ClinicianReports {

    private ClinicianReports() {}

    /**
     * @param since the first day of the period; empty for the person's whole history
     * @param now   when the report is made: the period ends on that day
     */
    public static ClinicianReport of(
            Owner owner,
            SessionHistory history,
            ConditionHistory conditionHistory,
            RuleSettings settings,
            Optional<LocalDate> since,
            Instant now) {
        ZoneId zone = owner.zone();
        HistoryQuery query = HistoryQuery.all().withOwner(owner.id());
        if (since.isPresent()) {
            query = query.withSince(since.get().atStartOfDay(zone).toInstant());
        }
        List<RecordedSession> sessions = history.list(query).stream()
                .filter(r -> !r.session().start().isAfter(now))
                .toList();
        LocalDate to = now.atZone(zone).toLocalDate();
        LocalDate from = since.orElseGet(() -> sessions.isEmpty()
                ? to
                : sessions.get(0).session().start().atZone(zone).toLocalDate());
        Instant periodStart = from.atStartOfDay(zone).toInstant();
        Instant periodEnd = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<ConditionPeriod> conditions = conditionHistory.conditions(owner.id()).stream()
                .filter(c -> c.from().isBefore(periodEnd)
                        && c.effectiveEnd(settings.isotretinoinMonths().value(), zone)
                                .map(e -> e.isAfter(periodStart))
                                .orElse(true))
                .toList();
        return new ClinicianReport(
                owner,
                from,
                to,
                sessions.size(),
                areas(sessions, owner, settings),
                findings(sessions),
                conditions,
                settings.isotretinoinMonths().value(),
                cartridges(sessions),
                now);
    }

    private static List<AreaSeries> areas(List<RecordedSession> sessions, Owner owner, RuleSettings settings) {
        Map<Area, List<Point>> points = new EnumMap<>(Area.class);
        for (RecordedSession r : sessions) {
            points.computeIfAbsent(r.session().area(), a -> new ArrayList<>())
                    .add(new Point(
                            r.session().start(),
                            r.session().depth(),
                            r.findings().stream().map(Finding::severity).max(Enum::compareTo)));
        }
        List<AreaSeries> series = new ArrayList<>();
        points.forEach((area, list) -> series.add(new AreaSeries(area, list, limit(area, owner, settings))));
        return series;
    }

    /** The lower of the area's own limit and the home limit: the depth above which a finding is raised. */
    private static Optional<Limit> limit(Area area, Owner owner, RuleSettings settings) {
        Limit home = new Limit(
                settings.homeWarningAbove().value(), settings.homeWarningAbove().source());
        return Optional.of(settings.areaLimits()
                .limitFor(area, owner.skinType())
                .filter(l -> l.value().compareTo(home.depth()) < 0)
                .map(l -> new Limit(l.value(), l.source()))
                .orElse(home));
    }

    private static List<SessionFinding> findings(List<RecordedSession> sessions) {
        List<SessionFinding> all = new ArrayList<>();
        for (RecordedSession r : sessions) {
            r.findings().stream()
                    .sorted(Finding.DISPLAY_ORDER)
                    .forEach(f -> all.add(new SessionFinding(r.session(), f)));
        }
        return all;
    }

    private static List<CartridgeUse> cartridges(List<RecordedSession> sessions) {
        Map<String, List<Session>> uses = new LinkedHashMap<>();
        for (RecordedSession r : sessions) {
            if (!r.session().cartridge().isEmpty()) {
                uses.computeIfAbsent(r.session().cartridge(), c -> new ArrayList<>())
                        .add(r.session());
            }
        }
        List<CartridgeUse> list = new ArrayList<>();
        uses.forEach((cartridge, used) -> list.add(new CartridgeUse(
                cartridge,
                used.size(),
                used.get(0).start(),
                used.get(used.size() - 1).start(),
                List.copyOf(new TreeSet<>(used.stream().map(Session::area).toList())))));
        return list;
    }
}
