package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.backup.BackupStatus;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.HandEntry;
import io.needleguard.history.HandLog;
import io.needleguard.history.History;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.RefusedEntry;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Device;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.person.ClinicianReport;
import io.needleguard.person.ClinicianReports;
import io.needleguard.rules.Aftercare;
import io.needleguard.rules.Finding;
import io.needleguard.rules.NextSafe;
import io.needleguard.rules.RuleSettings;
import io.needleguard.rules.Severity;
import io.needleguard.rules.Sourced;
import io.needleguard.rules.SpacingIntervals;
import io.needleguard.rules.SpacingTable;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.text.Quote;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The JSON the page shows, read through the gateway's ports at each request (src/docs/dashboard.md
 * documents every answer). "Now" is the gateway's clock. Sessions are the objects
 * {@code needleguard history --format json} prints; next safe times are those of
 * {@code needleguard status}. Read-only, but for choosing a pen's area, which goes through
 * {@link Gateway#chooseArea} as {@code area set} and MQTT do, and for logging a session by hand, which
 * goes through the gateway's {@link HandLog} as {@code needleguard log} and the MQTT log command do.
 */
final class DashboardApi {

    /** The longest aftercare window: sessions older than this have none left. */
    private static final Duration LONGEST_AFTERCARE = Duration.ofDays(15);

    private final Gateway gateway;
    private final History history;
    private final PenBoard board;
    private final MqttState mqtt;
    private final Supplier<BackupStatus> backups;

    DashboardApi(Gateway gateway, PenBoard board, MqttState mqtt, Supplier<BackupStatus> backups) {
        this.gateway = gateway;
        this.history = gateway.history();
        this.board = board;
        this.mqtt = mqtt;
        this.backups = backups;
    }

    /** {@code /api/owners/{id}/report.pdf}: what the clinician's report holds, as {@code needleguard report} makes it. */
    ClinicianReport report(Owner owner, Optional<LocalDate> since) {
        return ClinicianReports.of(
                owner,
                history.sessions(),
                history.conditions(),
                gateway.safetyCheck().settingsFor(owner),
                since,
                now());
    }

    Instant now() {
        return gateway.clock().instant();
    }

    /** The people to show: those configured or found in the history; the implicit {@code me} only if used. */
    List<Owner> owners() {
        List<Owner> configured = gateway.household().owners();
        List<Owner> shown = new ArrayList<>();
        for (Owner o : configured) {
            boolean implicitDefault = o.id().equals(Owner.DEFAULT_ID) && configured.size() > 1;
            if (!implicitDefault || used(o.id())) {
                shown.add(o);
            }
        }
        Set<String> ids = new TreeSet<>(shown.stream().map(Owner::id).toList());
        history.sessions().ownerZones().forEach((id, zone) -> {
            if (!ids.contains(id) && gateway.household().owner(id).isEmpty() && used(id)) {
                shown.add(new Owner(id, zone));
            }
        });
        return shown;
    }

    private boolean used(String owner) {
        return !history.conditions().conditions(owner).isEmpty()
                || !history.sessions()
                        .ownerSessions(owner, Instant.EPOCH, Instant.MAX)
                        .isEmpty();
    }

    Owner owner(String id) {
        return owners().stream()
                .filter(o -> o.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        404,
                        "no owner '" + id + "'; known: "
                                + String.join(
                                        ", ", owners().stream().map(Owner::id).toList())));
    }

    /** {@code /api/overview}: now, the people, the area ids. */
    ObjectNode overview() {
        Instant now = now();
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("now", now.toString());
        ArrayNode owners = json.putArray("owners");
        for (Owner o : owners()) {
            owners.addObject()
                    .put("id", o.id())
                    .put("zone", o.zone().getId())
                    .put("now", SessionJson.time(now, o.zone()))
                    .put("skinType", o.skinType().map(t -> t.id()).orElse(null));
        }
        ArrayNode areas = json.putArray("areas");
        for (Area a : Area.values()) {
            areas.add(a.id());
        }
        // For the form that logs a session by hand: a roller brings its depth, a device its owner.
        ArrayNode devices = json.putArray("devices");
        for (Device d : gateway.household().devices()) {
            devices.addObject()
                    .put("id", d.id())
                    .put("kind", d.kind().id())
                    .put("owner", d.owner())
                    .put("needleLengthMm", d.needleLength().map(Depth::mm).orElse(null));
        }
        return json;
    }

    /** {@code /api/owners/{id}/today}: every area's next safe time, active conditions, running aftercare. */
    ObjectNode today(Owner owner) {
        Instant now = now();
        ZoneId zone = owner.zone();
        SafetyStatus.OwnerStatus status =
                new SafetyStatus(history.sessions(), history.conditions(), gateway.safetyCheck()).statusOf(owner, now);
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
        int months =
                gateway.safetyCheck().settingsFor(owner).isotretinoinMonths().value();
        ArrayNode conditions = json.putArray("conditions");
        for (ConditionPeriod c : history.conditions().conditions(owner.id())) {
            if (!c.activeAt(now, months, zone)) {
                continue;
            }
            ObjectNode condition = conditions.addObject();
            condition.put("id", c.id());
            condition.put("condition", c.condition().id());
            condition.put("kind", c.condition().kind() == Condition.Kind.BLOCK ? "block" : "caution");
            condition.put("from", SessionJson.time(c.from(), zone));
            condition.put("until", c.until().map(t -> SessionJson.time(t, zone)).orElse(null));
            condition.put(
                    "countsUntil",
                    c.effectiveEnd(months, zone)
                            .map(t -> SessionJson.time(t, zone))
                            .orElse(null));
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
        ZoneId zone = zoneOfSessions(owner);
        HistoryQuery query = HistoryQuery.all().withOwner(owner.id());
        if (since.isPresent()) {
            query = query.withSince(since.get().atStartOfDay(owner.zone()).toInstant());
        }
        ArrayNode json = SessionJson.MAPPER.createArrayNode();
        history.sessions().list(query).forEach(r -> json.add(SessionJson.toJson(r, zone)));
        return json;
    }

    /** As {@code history} shows an owner's times: in the zone the history keeps for them. */
    private ZoneId zoneOfSessions(Owner owner) {
        return history.sessions().ownerZones().getOrDefault(owner.id(), owner.zone());
    }

    /** {@code /api/owners/{id}/limits}: the home limits, each area's limit, the spacing table. */
    ObjectNode limits(Owner owner) {
        RuleSettings settings = gateway.safetyCheck().settingsFor(owner);
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
        RuleSettings settings = gateway.safetyCheck().settingsFor(owner);
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

    /** {@code /api/pens}: each pen the gateway records, and the gateway's MQTT state. */
    ObjectNode pens() {
        Instant now = now();
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("now", now.toString());
        ArrayNode pens = json.putArray("pens");
        for (String serial : new TreeSet<>(gateway.recordedPens())) {
            Owner owner = gateway.household().ownerOfPen(serial);
            ZoneId zone = owner.zone();
            PenBoard.Pen pen = board.pen(serial).orElse(PenBoard.Pen.unknown(serial));
            ObjectNode entry = pens.addObject();
            entry.put("serial", serial);
            entry.put("owner", owner.id());
            entry.put("link", pen.link().name().toLowerCase(Locale.ROOT));
            entry.put("connected", pen.connected());
            entry.put("battery", pen.battery().orElse(null));
            entry.put(
                    "lastSeen",
                    pen.lastSeen().map(t -> SessionJson.time(t, zone)).orElse(null));
            if (pen.waiting().isPresent()) {
                entry.put("waiting", pen.waiting().getAsLong());
            } else {
                entry.putNull("waiting");
            }
            entry.put(
                    "area",
                    pen.area()
                            .or(() -> history.areas().chosenArea(serial))
                            .map(Area::id)
                            .orElse(null));
            entry.put("model", pen.model().orElse(null));
            entry.put("firmware", pen.firmware().orElse(null));
            entry.put("running", pen.running());
            Optional<RecordedSession> last = pen.lastSession();
            if (last.isEmpty()) {
                last = history.sessions().lastSession(serial).flatMap(history.sessions()::find);
            }
            if (last.isPresent()) {
                Session s = last.get().session();
                entry.putObject("lastSession")
                        .put("sessionId", s.id().toString())
                        .put("start", SessionJson.time(s.start(), zone))
                        // A pen's last session: the pen measured its end.
                        .put("end", SessionJson.time(s.endOrStart(), zone))
                        .put("area", s.area().id())
                        .put("depthMm", s.depth().mm())
                        .put("findings", last.get().findings().size());
            } else {
                entry.putNull("lastSession");
            }
        }
        ObjectNode broker = json.putObject("mqtt");
        broker.put("enabled", mqtt.enabled());
        broker.put("broker", mqtt.enabled() ? mqtt.broker() : null);
        broker.put("connected", mqtt.enabled() && mqtt.connected());
        broker.put("outbox", mqtt.enabled() ? mqtt.outbox() : 0);
        BackupStatus backup = backups.get();
        ObjectNode b = json.putObject("backup");
        b.put("schedule", backup.frequency().id());
        b.put(
                "lastSuccess",
                backup.lastSuccess()
                        .map(t -> SessionJson.time(t, gateway.clock().getZone()))
                        .orElse(null));
        b.put("lastFile", backup.lastFile().orElse(null));
        b.put(
                "failedAt",
                backup.failedAt()
                        .map(t -> SessionJson.time(t, gateway.clock().getZone()))
                        .orElse(null));
        b.put("failure", backup.failure().orElse(null));
        ArrayNode areas = json.putArray("areas");
        for (Area a : Area.values()) {
            areas.add(a.id());
        }
        return json;
    }

    /** {@code POST /api/pens/{serial}/area}: the area of the pen's next sessions, as {@code area set} chooses it. */
    ObjectNode chooseArea(String serial, String areaId) {
        Area area = Area.fromId(areaId)
                .orElseThrow(() ->
                        new ApiException(400, Quote.of(areaId) + " is not an area; use one of: " + Area.allIds()));
        if (!gateway.recordedPens().contains(serial)) {
            throw new ApiException(
                    404,
                    "pen " + serial + " is not paired with this gateway; paired: "
                            + String.join(", ", new TreeSet<>(gateway.recordedPens())));
        }
        gateway.chooseArea(serial, area);
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("pen", serial);
        json.put("area", area.id());
        return json;
    }

    /**
     * {@code POST /api/owners/{id}/log}: a session logged by hand for the entry's owner, through the gateway's
     * {@link HandLog} (judged, stored and published as {@code needleguard log} does it, and told to the
     * gateway's listeners). The answer is the session as {@code history --format json} prints it, with its
     * findings, when its area is next safe, and the later sessions judged again because of it.
     *
     * @throws ApiException 400 with the hand log's own words when the entry cannot be a session
     */
    ObjectNode logByHand(HandEntry entry) {
        HandLog.Logged logged;
        try {
            logged = gateway.handLog().log(entry);
        } catch (RefusedEntry e) {
            throw new ApiException(400, e.getMessage());
        }
        ZoneId zone = zoneOfSessions(logged.owner());
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.set("session", SessionJson.toJson(logged.session(), zone));
        json.put("safeNow", logged.next().isEmpty());
        if (logged.next().isPresent()) {
            NextSafe next = logged.next().get();
            json.putObject("nextSafe")
                    .put("at", next.at().map(t -> SessionJson.time(t, zone)).orElse(null))
                    .put("rule", next.rule())
                    .put("reason", next.reason());
        } else {
            json.putNull("nextSafe");
        }
        ArrayNode rejudged = json.putArray("rejudged");
        logged.rejudged().forEach(r -> rejudged.add(SessionJson.toJson(r, zone)));
        return json;
    }
}
