package io.needleguard.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.person.PersonRecord;
import io.needleguard.session.Area;
import java.time.ZoneId;
import java.util.Locale;

/**
 * {@code needleguard export}: everything held about one person as one JSON document, in the form
 * src/docs/export/person.schema.json describes. Sessions are the objects {@code history --format json}
 * prints, each with the time zone it happened in ({@code zone}, its times carry that zone's offset);
 * the person's other times carry the person's offset.
 */
public final class PersonExportJson {

    public static final int SCHEMA_VERSION = 1;

    private PersonExportJson() {}

    public static ObjectNode toJson(PersonRecord record, String version) {
        Owner owner = record.owner();
        ZoneId zone = owner.zone();
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("exportedAt", SessionJson.time(record.at(), zone));
        json.put("needleguard", version);
        ObjectNode person = json.putObject("person");
        person.put("id", owner.id());
        person.put("zone", zone.getId());
        person.put("skinType", owner.skinType().map(SkinType::id).orElse(null));
        person.put("configured", record.configured());
        ArrayNode sessions = json.putArray("sessions");
        for (var r : record.sessions()) {
            // Each session where it happened: its times in the zone stored with it, and that zone.
            ZoneId own = r.session().zoneOr(zone);
            sessions.add(SessionJson.toJson(r, own).put("zone", own.getId()));
        }
        ArrayNode conditions = json.putArray("conditions");
        for (ConditionPeriod c : record.conditions()) {
            conditions
                    .addObject()
                    .put("id", c.id())
                    .put("condition", c.condition().id())
                    .put("kind", c.condition().kind().name().toLowerCase(Locale.ROOT))
                    .put("from", SessionJson.time(c.from(), zone))
                    .put("until", c.until().map(u -> SessionJson.time(u, zone)).orElse(null));
        }
        ArrayNode pens = json.putArray("pens");
        for (PersonRecord.Pen p : record.pens()) {
            pens.addObject()
                    .put("serial", p.serial())
                    .put("sessions", p.sessions())
                    .put("onlyTheirs", p.onlyTheirs())
                    .put("recorded", p.recorded())
                    .put("area", p.area().map(Area::id).orElse(null));
        }
        return json;
    }

    /** The document, indented for people who open it. */
    public static String write(PersonRecord record, String version) {
        try {
            return SessionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(record, version))
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
