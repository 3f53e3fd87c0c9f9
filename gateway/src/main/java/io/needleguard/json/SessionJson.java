package io.needleguard.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.history.RecordedSession;
import io.needleguard.rules.Aftercare;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one JSON form of a recorded session: {@code needleguard replay}, {@code history --format json}
 * and the MQTT session payload all print these objects, with the session's findings and its aftercare
 * plan. Times are ISO-8601 with the offset of the owner's time zone, to the second. A session logged
 * by hand says so ({@code "recordedBy": "hand"}); what nobody measured is null (its pen and stroke rate,
 * and its end and duration when none was given), never a guess.
 */
public final class SessionJson {

    /** Reads within {@link ReadLimits}: the dashboard reads requests with it. */
    public static final ObjectMapper MAPPER = new ObjectMapper(ReadLimits.jsonFactory());

    private SessionJson() {}

    public static ObjectNode toJson(RecordedSession recorded, ZoneId zone) {
        Session s = recorded.session();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("pen", s.pen().orElse(null));
        json.put("sessionId", s.id().toString());
        json.put("recordedBy", recordedBy(s));
        json.put("owner", s.owner());
        json.put("start", time(s.start(), zone));
        json.put("end", s.end().map(end -> time(end, zone)).orElse(null));
        json.put("area", s.area().id());
        json.put("depthMm", s.depth().mm());
        if (s.strokeHz().isPresent()) {
            json.put("strokeHz", s.strokeHz().getAsInt());
        } else {
            json.putNull("strokeHz");
        }
        json.put("durationS", s.duration().map(Duration::toSeconds).orElse(null));
        json.put("cartridge", s.cartridge());
        json.put("device", s.device().orElse(null));
        ArrayNode findings = json.putArray("findings");
        recorded.findings().forEach(f -> findings.add(findingJson(f, zone)));
        ArrayNode aftercare = json.putArray("aftercare");
        for (Aftercare.Step step : Aftercare.planFor(s)) {
            aftercare
                    .addObject()
                    .put("id", step.id())
                    .put("advice", step.advice())
                    .put("until", time(step.until(), zone));
        }
        return json;
    }

    /** {@code "pen"} for a pen's session, {@code "hand"} for one logged by hand. */
    public static String recordedBy(Session session) {
        return session.isHandEntry() ? "hand" : "pen";
    }

    public static ObjectNode findingJson(Finding finding, ZoneId zone) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("rule", finding.rule());
        json.put("severity", finding.severity().id());
        json.put("message", finding.message());
        json.put("source", finding.source());
        if (finding.nextSafeAt() != null) {
            json.put("nextSafeAt", time(finding.nextSafeAt(), zone));
        }
        return json;
    }

    /** One compact line, for JSON Lines output. */
    public static String toJsonLine(RecordedSession recorded, ZoneId zone) {
        return write(toJson(recorded, zone));
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** ISO-8601 with offset, whole seconds: {@code 2026-01-05T19:00:00+01:00}. */
    public static String time(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
    }

    /**
     * Reads a session back from its JSON form.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static RecordedSession fromJson(JsonNode json, Instant recordedAt) {
        SessionId id = SessionId.parse(text(json, "sessionId"));
        Session session = new Session(
                id,
                text(json, "owner"),
                Area.fromId(text(json, "area")).orElseThrow(() -> bad("area", json)),
                Depth.ofMm(field(json, "depthMm").decimalValue()),
                json.hasNonNull("strokeHz")
                        ? OptionalInt.of(field(json, "strokeHz").intValue())
                        : OptionalInt.empty(),
                instant(json, "start"),
                json.hasNonNull("end") ? Optional.of(instant(json, "end")) : Optional.empty(),
                text(json, "cartridge"),
                json.hasNonNull("device") ? Optional.of(text(json, "device")) : Optional.empty());
        Optional<String> pen = json.hasNonNull("pen") ? Optional.of(text(json, "pen")) : Optional.empty();
        if (!session.pen().equals(pen)) {
            throw new IllegalArgumentException("pen " + pen.orElse("null") + " does not match sessionId " + id);
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : field(json, "findings")) {
            findings.add(new Finding(
                    text(f, "rule"),
                    Severity.fromId(text(f, "severity")),
                    text(f, "message"),
                    text(f, "source"),
                    f.hasNonNull("nextSafeAt") ? instant(f, "nextSafeAt") : null));
        }
        return new RecordedSession(session, findings, recordedAt);
    }

    private static JsonNode field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("session JSON has no '" + name + "': " + json);
        }
        return value;
    }

    private static String text(JsonNode json, String name) {
        return field(json, name).asText();
    }

    private static Instant instant(JsonNode json, String name) {
        try {
            return OffsetDateTime.parse(text(json, name)).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(name, json);
        }
    }

    private static IllegalArgumentException bad(String name, JsonNode json) {
        return new IllegalArgumentException("session JSON has a malformed '" + name + "': " + json.get(name));
    }
}
