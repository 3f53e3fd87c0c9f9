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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON form of a recorded session: {@code needleguard replay}, {@code history --format json}
 * and the MQTT session payload all print these objects, with the session's findings and its aftercare
 * plan. Times are ISO-8601 with the offset of the owner's time zone, to the second.
 */
public final class SessionJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private SessionJson() {}

    public static ObjectNode toJson(RecordedSession recorded, ZoneId zone) {
        Session s = recorded.session();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("pen", s.pen());
        json.put("sessionId", s.id().toString());
        json.put("owner", s.owner());
        json.put("start", time(s.start(), zone));
        json.put("end", time(s.end(), zone));
        json.put("area", s.area().id());
        json.put("depthMm", s.depth().mm());
        json.put("strokeHz", s.strokeHz());
        json.put("durationS", s.duration().toSeconds());
        json.put("cartridge", s.cartridge());
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
        Session session = new Session(
                SessionId.parse(text(json, "sessionId")),
                text(json, "owner"),
                Area.fromId(text(json, "area")).orElseThrow(() -> bad("area", json)),
                Depth.ofMm(field(json, "depthMm").decimalValue()),
                field(json, "strokeHz").intValue(),
                instant(json, "start"),
                instant(json, "end"),
                text(json, "cartridge"));
        if (!session.pen().equals(text(json, "pen"))) {
            throw new IllegalArgumentException(
                    "pen " + text(json, "pen") + " does not match sessionId " + session.id());
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
