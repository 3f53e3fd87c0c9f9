package io.needleguard.mqtt.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.backup.BackupStatus;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.rules.Finding;
import io.needleguard.rules.NextSafe;
import io.needleguard.session.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The JSON payloads published over MQTT. Each carries a schema version so consumers can evolve. */
final class Payloads {

    static final int SCHEMA_VERSION = 1;

    private Payloads() {}

    /**
     * A finished session with its findings; {@code update} when its findings were re-evaluated or it was
     * corrected. A deleted session (logged by hand) is sent once more, {@code deleted}, without findings
     * or aftercare: they went with it.
     */
    static byte[] session(RecordedSession recorded, ZoneId zone, boolean update, boolean deleted) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.setAll(SessionJson.toJson(recorded, zone));
        if (deleted) {
            json.putArray("findings");
            json.putArray("aftercare");
        }
        json.put("update", update);
        json.put("deleted", deleted);
        return bytes(json);
    }

    /** One finding of a session; {@code resolved} when a re-evaluation removed it. */
    static byte[] alert(Session session, Finding finding, ZoneId zone, boolean update, boolean resolved) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("pen", session.pen().orElse(null));
        json.put("sessionId", session.id().toString());
        json.put("recordedBy", SessionJson.recordedBy(session));
        json.put("owner", session.owner());
        json.put("sessionStart", SessionJson.time(session.start(), zone));
        json.setAll(SessionJson.findingJson(finding, zone));
        json.put("update", update);
        json.put("resolved", resolved);
        return bytes(json);
    }

    /** A finding about a pen that is running now; the session is not recorded yet. */
    static byte[] liveAlert(Session running, Finding finding, ZoneId zone) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("pen", running.pen().orElseThrow());
        json.putNull("sessionId");
        json.put("recordedBy", SessionJson.recordedBy(running));
        json.put("owner", running.owner());
        json.put("sessionStart", SessionJson.time(running.start(), zone));
        json.setAll(SessionJson.findingJson(finding, zone));
        json.put("live", true);
        json.put("update", false);
        json.put("resolved", false);
        return bytes(json);
    }

    /** When the owner may next needle each area, and the rule that sets it. */
    static byte[] nextSafe(SafetyStatus.OwnerStatus status) {
        Owner owner = status.owner();
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("owner", owner.id());
        json.put("at", SessionJson.time(status.at(), owner.zone()));
        json.put("openFindings", status.openFindings());
        ArrayNode list = json.putArray("areas");
        for (SafetyStatus.AreaStatus a : status.areas()) {
            // Every key in every entry, null where it does not apply: a template can read each one.
            ObjectNode area = list.addObject();
            area.put("area", a.area().id());
            area.put("safeNow", a.nextSafe().isEmpty());
            Optional<NextSafe> n = a.nextSafe();
            area.put(
                    "nextSafeAt",
                    n.flatMap(NextSafe::at)
                            .map(at -> SessionJson.time(at, owner.zone()))
                            .orElse(null));
            area.put("rule", n.map(NextSafe::rule).orElse(null));
            area.put("reason", n.map(NextSafe::reason).orElse(null));
        }
        return bytes(json);
    }

    /** An owner's latest open alert, or {@code "alert": null} when none is open. */
    static byte[] latestAlert(SafetyStatus.OwnerStatus status) {
        Owner owner = status.owner();
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("owner", owner.id());
        if (status.latestAlert().isEmpty()) {
            json.putNull("alert");
        } else {
            SafetyStatus.Alert alert = status.latestAlert().get();
            ObjectNode a = json.putObject("alert");
            a.put("pen", alert.session().pen().orElse(null));
            a.put("sessionId", alert.session().id().toString());
            a.put("recordedBy", SessionJson.recordedBy(alert.session()));
            a.put("sessionStart", SessionJson.time(alert.session().start(), owner.zone()));
            a.setAll(SessionJson.findingJson(alert.finding(), owner.zone()));
        }
        // No time of publication: the payload changes only when the alert does, and is sent only then.
        return bytes(json);
    }

    /**
     * The gateway's own state: its version, how many messages wait to be delivered, the pens it records,
     * and how its automatic backups stand.
     */
    static byte[] gateway(String version, int outbox, List<String> pens, BackupStatus backup, Instant at) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("status", "online");
        json.put("version", version);
        json.put("outbox", outbox);
        ArrayNode list = json.putArray("pens");
        pens.forEach(list::add);
        ObjectNode b = json.putObject("backup");
        b.put("schedule", backup.frequency().id());
        b.put("lastSuccess", backup.lastSuccess().map(t -> utc(t)).orElse(null));
        b.put("lastFile", backup.lastFile().orElse(null));
        b.put("failedAt", backup.failedAt().map(t -> utc(t)).orElse(null));
        b.put("failure", backup.failure().orElse(null));
        json.put("at", utc(at));
        return bytes(json);
    }

    private static String utc(Instant at) {
        return SessionJson.time(at, java.time.ZoneOffset.UTC);
    }

    /** One pen's state: connection, battery, live settings, chosen area, last session, open findings. */
    static byte[] penState(PenState s, ZoneId zone, Instant at) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("pen", s.pen());
        json.put("owner", s.owner());
        json.put("connected", s.connected());
        json.put("battery", s.battery().orElse(null));
        json.put("running", s.running());
        json.put("depthMm", s.depth().map(d -> d.mm()).orElse(null));
        json.put("strokeHz", s.strokeHz().orElse(null));
        json.put("area", s.area().map(a -> a.id()).orElse(null));
        json.put("cartridge", s.cartridge().orElse(null));
        json.put("model", s.model().orElse(null));
        json.put("firmware", s.firmware().orElse(null));
        if (s.lastSession().isEmpty()) {
            json.putNull("lastSession");
        } else {
            RecordedSession recorded = s.lastSession().get();
            Session last = recorded.session();
            ObjectNode l = json.putObject("lastSession");
            l.put("sessionId", last.id().toString());
            l.put("start", SessionJson.time(last.start(), zone));
            // A pen's session: the pen measured its end (hand entries are no pen's last session).
            l.put("end", SessionJson.time(last.endOrStart(), zone));
            l.put("area", last.area().id());
            l.put("depthMm", last.depth().mm());
            l.put("durationS", last.duration().orElse(Duration.ZERO).toSeconds());
            l.put("findings", recorded.findings().size());
        }
        json.put("openFindings", s.openFindings());
        json.put("updatedAt", SessionJson.time(at, zone));
        return bytes(json);
    }

    /**
     * Why a command was not carried out.
     *
     * @param about {@code pen} or {@code owner}: whose command topic it came on
     */
    static byte[] commandError(String about, String level, String command, String payload, String error) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put(about, level);
        json.put("command", command);
        json.put("payload", payload);
        json.put("error", error);
        return bytes(json);
    }

    /** A command about no one pen or person (a session's): what it was and why it was refused. */
    static byte[] commandError(String command, String payload, String error) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("command", command);
        json.put("payload", payload);
        json.put("error", error);
        return bytes(json);
    }

    static byte[] bytes(ObjectNode json) {
        return SessionJson.write(json).getBytes(StandardCharsets.UTF_8);
    }

    /** The text of the payload's top-level {@code owner} field; empty when it is no JSON object or has none. */
    static Optional<String> owner(byte[] payload) {
        if (payload.length == 0 || payload[0] != '{') {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(
                    SessionJson.MAPPER.readTree(payload).path("owner").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
