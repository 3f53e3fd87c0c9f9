package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.rules.Aftercare;
import io.needleguard.rules.Finding;
import io.needleguard.rules.RuleSettings;
import io.needleguard.rules.Severity;
import io.needleguard.rules.Sourced;
import io.needleguard.rules.SpacingIntervals;
import io.needleguard.rules.SpacingTable;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the page shows of one person, read through the ports at each request: today's next safe times
 * (those of {@code needleguard status}), sessions (as {@code history --format json}), limits, spacing and
 * open findings (src/docs/dashboard.md documents every answer). "Now" is the gateway's clock.
 */
final class OwnerViews {

    /** The longest aftercare window: sessions older than this have none left. */
    private static final Duration LONGEST_AFTERCARE = Duration.ofDays(15);

    private final GatewayReads gateway;
    private final HistoryReads history;

    OwnerViews(GatewayReads gateway, HistoryReads history) {
        this.gateway = gateway;
        this.history = history;
    }

    private Instant now() {
        return gateway.clock().instant();
    }

    /** {@code /api/owners/{id}/today}: every area's next safe time, active conditions, running aftercare. */
    ObjectNode today(Owner owner) {
        Instant now = now();
        ZoneId zone = owner.zone();
        SafetyStatus.OwnerStatus status =
                new SafetyStatus(history.sessions(), history.conditions(), gateway.rules()).statusOf(owner, now);
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("owner", owner.id());
        json.put("at", SessionJson.time(now, zone));
        json.put("openFindings", status.openFindings());
        ArrayNode areas = json.putArray("areas");
        for (SafetyStatus.AreaStatus a : status.areas()) {
            ObjectNode area = areas.addObject();
            area.put("area", a.area().id());
            area.put("safeNow", a.nextSafe().isEmpty());
            if (a.nextSafe().isPresent()) {
                var next = a.nextSafe().get();
                area.putObject("nextSafe")
                        .put("at", next.at().map(t -> SessionJson.time(t, zone)).orElse(null))
                        .put("rule", next.rule())
                        .put("reason", next.reason());
            } else {
                area.putNull("nextSafe");
            }
            if (a.last().isPresent()) {
                Session last = a.last().get();
                area.putObject("lastSession")
                        .put("sessionId", last.id().toString())
                        .put("start", SessionJson.time(last.start(), zone))
                        .put("depthMm", last.depth().mm());
            } else {
                area.putNull("lastSession");
            }
        }
        int months = gateway.rules().settingsFor(owner).isotretinoinMonths().value();
        ArrayNode conditions = json.putArray("conditions");
        for (ConditionPeriod c : history.conditions().conditions(owner.id())) {
            if (!c.activeAt(now, months, zone)) {
                continue;
            }
            conditions.add(Conditions.toJson(c, zone, months));
        }
        ArrayNode aftercare = json.putArray("aftercare");
        List<RecordedSession> recent = new ArrayList<>(
                history.sessions().ownerSessions(owner.id(), now.minus(LONGEST_AFTERCARE), now.plusSeconds(1)));
        // A session logged by hand without a duration counts from its start, as its aftercare does.
        recent.sort(Comparator.comparing((RecordedSession r) -> r.session().endOrStart())
                .reversed());
        for (RecordedSession r : recent) {
            Session s = r.session();
            List<Aftercare.Step> steps = Aftercare.activeAt(s, now);
            if (s.endOrStart().isAfter(now) || steps.isEmpty()) {
                continue;
            }
            ObjectNode entry = aftercare.addObject();
            entry.put("sessionId", s.id().toString());
            entry.put("pen", s.pen().orElse(null));
            entry.put("recordedBy", SessionJson.recordedBy(s));
            entry.put("area", s.area().id());
            entry.put("start", SessionJson.time(s.start(), zone));
            entry.put("end", s.end().map(end -> SessionJson.time(end, zone)).orElse(null));
            ArrayNode list = entry.putArray("steps");
            for (Aftercare.Step step : steps) {
                list.addObject()
                        .put("id", step.id())
                        .put("advice", step.advice())
                        .put("until", SessionJson.time(step.until(), zone))
                        .put("secondsLeft", Duration.between(now, step.until()).toSeconds());
            }
        }
        return json;
    }

    /** {@code /api/owners/{id}/sessions}: the objects {@code history --format json} prints, oldest first. */
    ArrayNode sessions(Owner owner, Optional<LocalDate> since) {
        ZoneId zone = zoneOfSessions(history, owner);
        HistoryQuery query = HistoryQuery.all().withOwner(owner.id());
        if (since.isPresent()) {
            query = query.withSince(since.get().atStartOfDay(owner.zone()).toInstant());
        }
        ArrayNode json = SessionJson.MAPPER.createArrayNode();
        history.sessions().list(query).forEach(r -> json.add(SessionJson.toJson(r, zone)));
        return json;
    }

    /** As {@code history} shows an owner's times: in the zone the history keeps for them. */
    static ZoneId zoneOfSessions(HistoryReads history, Owner owner) {
        return history.sessions().ownerZones().getOrDefault(owner.id(), owner.zone());
    }

    /** {@code /api/owners/{id}/limits}: the home limits, each area's limit, the spacing table. */
    ObjectNode limits(Owner owner) {
        RuleSettings settings = gateway.rules().settingsFor(owner);
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("owner", owner.id());
        json.putObject("home")
                .put("warningAboveMm", settings.homeWarningAbove().value().mm())
                .put("warningSource", settings.homeWarningAbove().source())
                .put("criticalAboveMm", settings.homeCriticalAbove().value().mm())
                .put("criticalSource", settings.homeCriticalAbove().source());
        ArrayNode areas = json.putArray("areas");
        for (Area a : Area.values()) {
            ObjectNode area = areas.addObject();
            area.put("area", a.id());
            Optional<Sourced<Depth>> limit = settings.areaLimits().limitFor(a, owner.skinType());
            area.put("limitMm", limit.map(l -> l.value().mm()).orElse(null));
            area.put("source", limit.map(Sourced::source).orElse(null));
            area.put("notForNeedling", settings.notForNeedling().value().contains(a));
        }
        SpacingTable table = settings.spacing();
        ObjectNode spacing = json.putObject("spacing");
        ArrayNode tiers = spacing.putArray("tiers");
        table.tiers()
                .forEach(t -> tiers.addObject().put("upToMm", t.maxDepth().mm()).put("days", t.days()));
        spacing.put("deeperDays", table.deeperDays());
        spacing.put("source", table.source());
        return json;
    }

    /** {@code /api/owners/{id}/spacing}: the interval before each session against the minimum for its depth. */
    ArrayNode spacing(Owner owner, Optional<LocalDate> since) {
        RuleSettings settings = gateway.rules().settingsFor(owner);
        ZoneId zone = owner.zone();
        Instant shownFrom = since.map(d -> d.atStartOfDay(zone).toInstant()).orElse(Instant.EPOCH);
        // As far back as the rules look (and a day), so that the first session shown has its earlier one.
        Instant readFrom = since.map(d -> d.atStartOfDay(zone)
                        .minus(settings.lookback())
                        .minusDays(1)
                        .toInstant())
                .orElse(Instant.EPOCH);
        List<RecordedSession> recorded = history.sessions().ownerSessions(owner.id(), readFrom, Instant.MAX);
        Map<String, RecordedSession> byId = new LinkedHashMap<>();
        recorded.forEach(r -> byId.put(r.session().id().toString(), r));
        List<Session> timeline = recorded.stream().map(RecordedSession::session).toList();
        ArrayNode json = SessionJson.MAPPER.createArrayNode();
        for (SpacingIntervals.Interval i : SpacingIntervals.of(timeline, settings, zone)) {
            Session s = i.session();
            if (s.start().isBefore(shownFrom)) {
                continue;
            }
            ObjectNode entry = json.addObject();
            entry.put("sessionId", s.id().toString());
            entry.put("pen", s.pen().orElse(null));
            entry.put("recordedBy", SessionJson.recordedBy(s));
            entry.put("area", s.area().id());
            entry.put("start", SessionJson.time(s.start(), zone));
            entry.put("depthMm", s.depth().mm());
            if (i.earlier().isPresent()) {
                Session e = i.earlier().get();
                entry.putObject("earlier")
                        .put("sessionId", e.id().toString())
                        .put("area", e.area().id())
                        .put("start", SessionJson.time(e.start(), zone));
                entry.put("days", i.days().getAsLong());
            } else {
                entry.putNull("earlier");
                entry.putNull("days");
            }
            entry.put("minimumDays", i.minimumDays());
            entry.put("tooSoon", i.tooSoon());
            entry.put(
                    "flagged",
                    byId.get(s.id().toString()).findings().stream()
                            .anyMatch(f -> f.rule().equals("spacing.min-interval")));
        }
        return json;
    }

    /**
     * {@code /api/owners/{id}/findings}: the open findings (warnings and critical findings of sessions
     * in the last {@value SafetyStatus#OPEN_DAYS} days, as Home Assistant's count has them), newest first.
     */
    ArrayNode findings(Owner owner) {
        Instant now = now();
        ZoneId zone = owner.zone();
        Instant since = now.atZone(zone).minusDays(SafetyStatus.OPEN_DAYS).toInstant();
        List<RecordedSession> sessions =
                new ArrayList<>(history.sessions().ownerSessions(owner.id(), since, now.plusSeconds(1)));
        sessions.sort(
                Comparator.comparing((RecordedSession r) -> r.session().start()).reversed());
        ArrayNode json = SessionJson.MAPPER.createArrayNode();
        for (RecordedSession r : sessions) {
            Session s = r.session();
            r.findings().stream()
                    .filter(f -> f.severity() != Severity.INFO)
                    .sorted(Finding.DISPLAY_ORDER)
                    .forEach(f -> {
                        ObjectNode entry = SessionJson.findingJson(f, zone);
                        entry.put("sessionId", s.id().toString());
                        entry.put("pen", s.pen().orElse(null));
                        entry.put("recordedBy", SessionJson.recordedBy(s));
                        entry.put("area", s.area().id());
                        entry.put("sessionStart", SessionJson.time(s.start(), zone));
                        ArrayNode evidence = entry.putArray("evidence");
                        Evidence.of(f.source())
                                .forEach(l -> evidence.addObject()
                                        .put("label", l.code())
                                        .put("meaning", l.meaning()));
                        json.add(entry);
                    });
        }
        return json;
    }
}
