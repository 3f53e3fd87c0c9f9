package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.history.SessionRecorder.ConditionChange;
import io.needleguard.household.CalendarDays;
import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.text.Quote;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A person's conditions: listed, added with a first and (optionally) a last day, and ended, as
 * {@code needleguard condition list|add|end} do, through the same recorder: the sessions in the
 * condition's time are judged again and published in the same transaction.
 */
final class Conditions {

    static final List<String> ADD_FIELDS = List.of("condition", "from", "until");
    static final List<String> END_FIELDS = List.of("on");

    private final GatewayReads gateway;
    private final HistoryReads history;
    private final HistoryChanges changes;

    Conditions(GatewayReads gateway, HistoryReads history, HistoryChanges changes) {
        this.gateway = gateway;
        this.history = history;
        this.changes = changes;
    }

    /** {@code GET /api/owners/{id}/conditions}: every condition recorded for the person, the latest first. */
    ArrayNode list(Owner owner) {
        Instant now = gateway.clock().instant();
        int months = isotretinoinMonths(owner);
        ArrayNode json = SessionJson.MAPPER.createArrayNode();
        history.conditions().conditions(owner.id()).stream()
                .sorted((a, b) -> b.from().compareTo(a.from()))
                .forEach(c ->
                        json.add(toJson(c, owner.zone(), months).put("active", c.activeAt(now, months, owner.zone()))));
        return json;
    }

    /** {@code POST /api/owners/{id}/conditions} with {@code {"condition": "sunburn", "from": "2026-01-24"}}. */
    ObjectNode add(Owner owner, JsonForm form) {
        String id = form.required("condition", "which condition (one of: " + Condition.allIds() + ")");
        Condition condition = Condition.fromId(id)
                .orElseThrow(() -> new ApiException(
                        400, "condition: " + Quote.of(id) + " is not a condition; use one of: " + Condition.allIds()));
        ZoneId zone = owner.zone();
        LocalDate today = CalendarDays.today(gateway.clock().instant(), zone);
        LocalDate from = form.text("from").map(v -> day("from", v)).orElse(today);
        Optional<LocalDate> until = form.text("until").map(v -> day("until", v));
        if (until.isPresent() && until.get().isBefore(from)) {
            throw new ApiException(
                    400,
                    "until: " + until.get() + " is before from (" + from
                            + "); the last day cannot come before the first");
        }
        // The end is exclusive, as the command line keeps it: the start of the day after the last.
        ConditionChange change = changes.addCondition(new ConditionPeriod(
                0, owner.id(), condition, CalendarDays.start(from, zone), until.map(d -> CalendarDays.endOf(d, zone))));
        return answer(change, owner);
    }

    /** {@code POST /api/conditions/{n}/end} with {@code {"on": "2026-02-01"}} (the last day; default today). */
    ObjectNode end(long id, JsonForm form, People people) {
        ConditionPeriod existing = history.conditions().allConditions().stream()
                .filter(c -> c.id() == id)
                .findFirst()
                .orElseThrow(() -> new ApiException(404, "there is no condition #" + id));
        Owner owner = people.owner(existing.owner());
        ZoneId zone = owner.zone();
        LocalDate last = form.text("on")
                .map(v -> day("on", v))
                .orElse(CalendarDays.today(gateway.clock().instant(), zone));
        Instant end = CalendarDays.endOf(last, zone);
        if (end.isBefore(existing.from())) {
            throw new ApiException(
                    400, "on: " + last + " is before the condition started; it cannot end before it began");
        }
        ConditionChange change =
                changes.endCondition(id, end).orElseThrow(() -> new ApiException(404, "there is no condition #" + id));
        return answer(change, owner);
    }

    private ObjectNode answer(ConditionChange change, Owner owner) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.set("condition", toJson(change.condition(), owner.zone(), isotretinoinMonths(owner)));
        ArrayNode rejudged = json.putArray("rejudged");
        ZoneId zone = OwnerViews.zoneOfSessions(history, owner);
        change.rejudged().forEach(r -> rejudged.add(SessionJson.toJson(r, zone)));
        return json;
    }

    private int isotretinoinMonths(Owner owner) {
        return gateway.rules().settingsFor(owner).isotretinoinMonths().value();
    }

    /** As {@code /api/owners/{id}/today} shows a condition. */
    static ObjectNode toJson(ConditionPeriod c, ZoneId zone, int months) {
        ObjectNode condition = SessionJson.MAPPER.createObjectNode();
        condition.put("id", c.id());
        condition.put("condition", c.condition().id());
        condition.put("kind", c.condition().kind() == Condition.Kind.BLOCK ? "block" : "caution");
        condition.put("from", SessionJson.time(c.from(), zone));
        condition.put("until", c.until().map(t -> SessionJson.time(t, zone)).orElse(null));
        condition.put(
                "countsUntil",
                c.effectiveEnd(months, zone).map(t -> SessionJson.time(t, zone)).orElse(null));
        return condition;
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, field + ": " + Quote.of(text) + " is not a date; write it as 2026-01-24");
        }
    }
}
