package io.needleguard.sim.scenario;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.household.Condition;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code $.conditions}. A date means a whole day in the owner's zone: {@code from} its first
 * moment, {@code until} its end (so the day is included); a date-time with offset means that moment.
 */
final class ConditionsSection {

    static final List<String> FIELDS = List.of("owner", "condition", "from", "until");
    private static final String OWNER_RULE = "the id of an owner, e.g. alex";
    private static final String CONDITION_RULE = "one of: " + Condition.allIds();
    private static final String TIME_RULE =
            "a date, e.g. 2026-01-10 (a whole day in the owner's zone), or a date-time with offset, e.g. "
                    + IsoTime.DATE_TIME_EXAMPLE;

    /** Whether a date stands for the first moment of its day or for the end of it. */
    private enum DayEdge {
        START,
        END
    }

    private ConditionsSection() {}

    static List<ScenarioCondition> read(JsonFields top, OwnersSection.Owners owners, ErrorLog errors) {
        List<ScenarioCondition> conditions = new ArrayList<>();
        Optional<ArrayNode> array = top.array(
                "conditions", OPTIONAL, "an array of conditions: {\"owner\", \"condition\", \"from\", \"until\"}");
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            JsonFields.of(
                            array.get().get(i),
                            top.path("conditions") + "[" + i + "]",
                            errors,
                            "a condition object with the fields " + String.join(", ", FIELDS))
                    .flatMap(fields -> condition(fields, owners, errors))
                    .ifPresent(conditions::add);
        }
        return conditions;
    }

    private static Optional<ScenarioCondition> condition(
            JsonFields fields, OwnersSection.Owners owners, ErrorLog errors) {
        int errorsBefore = errors.count();
        fields.allowOnly(FIELDS);
        Optional<String> ownerId = fields.text("owner", REQUIRED, OWNER_RULE);
        ownerId.filter(id -> !owners.knows(id))
                .ifPresent(
                        id -> fields.reject("owner", JsonFields.quoted(id) + " is not an owner; " + owners.allowed()));
        Optional<Condition> condition = fields.text("condition", REQUIRED, CONDITION_RULE)
                .flatMap(text -> {
                    Optional<Condition> known = Condition.fromId(text);
                    if (known.isEmpty()) {
                        fields.reject(
                                "condition", JsonFields.quoted(text) + " is not a condition id; use " + CONDITION_RULE);
                    }
                    return known;
                });
        // A date needs the owner's zone; without a known owner its syntax is still checked.
        Optional<ZoneId> zone = ownerId.flatMap(owners::find).map(ScenarioOwner::zone);
        Optional<String> fromText = fields.text("from", REQUIRED, TIME_RULE);
        Optional<Instant> from = fromText.flatMap(text -> moment(fields, "from", text, DayEdge.START, zone));
        Optional<String> untilText = fields.text("until", OPTIONAL, TIME_RULE);
        Optional<Instant> until = untilText.flatMap(text -> moment(fields, "until", text, DayEdge.END, zone));
        if (from.isPresent() && until.isPresent() && endsBeforeStart(untilText.get(), until.get(), from.get())) {
            fields.reject(
                    "until",
                    JsonFields.quoted(untilText.get()) + " is before \"from\" (" + fromText.get()
                            + "); a condition cannot end before it starts; use " + fromText.get() + " or later");
        }
        if (errors.count() > errorsBefore || zone.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new ScenarioCondition(ownerId.orElseThrow(), condition.orElseThrow(), from.orElseThrow(), until));
    }

    /**
     * A date {@code until} has become the start of the next day; it is before {@code from} when that
     * day ended by the time the condition starts. A date-time may equal {@code from}.
     */
    private static boolean endsBeforeStart(String untilText, Instant until, Instant from) {
        return IsoTime.date(untilText).isPresent() ? !until.isAfter(from) : until.isBefore(from);
    }

    private static Optional<Instant> moment(
            JsonFields fields, String field, String text, DayEdge edge, Optional<ZoneId> zone) {
        Optional<LocalDate> date = IsoTime.date(text);
        if (date.isPresent()) {
            LocalDate day = edge == DayEdge.START ? date.get() : date.get().plusDays(1);
            return zone.map(z -> day.atStartOfDay(z).toInstant());
        }
        Optional<Instant> instant = IsoTime.dateTime(text).map(OffsetDateTime::toInstant);
        if (instant.isEmpty()) {
            String problem = IsoTime.lacksOffset(text) ? " has no offset" : " is neither a date nor a date-time";
            fields.reject(field, JsonFields.quoted(text) + problem + "; use " + TIME_RULE);
        }
        return instant;
    }
}
