package io.needleguard.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.history.RecordedSession;
import io.needleguard.json.SessionJson;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** The JSON payloads published over MQTT. Each carries a schema version so consumers can evolve. */
final class Payloads {

    static final int SCHEMA_VERSION = 1;

    private Payloads() {
    }

    /** A finished session with its findings; {@code update} when its findings were re-evaluated. */
    static byte[] session(RecordedSession recorded, ZoneId zone, boolean update) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.setAll(SessionJson.toJson(recorded, zone));
        json.put("update", update);
        return bytes(json);
    }

    /** One finding of a session; {@code resolved} when a re-evaluation removed it. */
    static byte[] alert(Session session, Finding finding, ZoneId zone, boolean update, boolean resolved) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("pen", session.pen());
        json.put("sessionId", session.id().toString());
        json.put("owner", session.owner());
        json.put("sessionStart", SessionJson.time(session.start(), zone));
        json.setAll(SessionJson.findingJson(finding, zone));
        json.put("update", update);
        json.put("resolved", resolved);
        return bytes(json);
    }

    private static byte[] bytes(ObjectNode json) {
        return SessionJson.write(json).getBytes(StandardCharsets.UTF_8);
    }
}
