package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.backup.BackupStatus;
import io.needleguard.history.RecordedSession;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.text.Quote;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/** {@code /api/pens}: the pens, their live state, MQTT and backups; and choosing a pen's area. */
final class PenViews {

    private final GatewayReads gateway;
    private final HistoryReads history;
    private final PenControl control;
    private final PenBoard board;
    private final MqttState mqtt;
    private final Supplier<BackupStatus> backups;

    PenViews(
            GatewayReads gateway,
            HistoryReads history,
            PenControl control,
            PenBoard board,
            MqttState mqtt,
            Supplier<BackupStatus> backups) {
        this.gateway = gateway;
        this.history = history;
        this.control = control;
        this.board = board;
        this.mqtt = mqtt;
        this.backups = backups;
    }

    private Instant now() {
        return gateway.clock().instant();
    }

    /** {@code /api/pens}: each pen the gateway records, and the gateway's MQTT state. */
    ObjectNode pens() {
        Instant now = now();
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("now", now.toString());
        ArrayNode pens = json.putArray("pens");
        for (String serial : new TreeSet<>(control.recordedPens())) {
            Owner owner = gateway.household().ownerOfPen(serial);
            ZoneId zone = owner.zone();
            PenBoard.Pen pen = board.pen(serial).orElse(PenBoard.Pen.unknown(serial));
            ObjectNode entry = pens.addObject();
            entry.put("serial", serial);
            entry.put("owner", owner.id());
            entry.put("nextSessionFor", control.nextSessionFor(serial).id());
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

    /**
     * {@code POST /api/pens/{serial}/person}: who the pen's next session is for, as {@code pens lend} lends
     * it (its owner gives it back).
     */
    ObjectNode lend(String serial, String person) {
        requireRecorded(serial);
        try {
            control.lendPen(serial, person);
        } catch (io.needleguard.household.RefusedChange e) {
            throw new ApiException(409, e.getMessage());
        }
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("pen", serial);
        json.put("nextSessionFor", control.nextSessionFor(serial).id());
        json.put("owner", gateway.household().ownerOfPen(serial).id());
        return json;
    }

    private void requireRecorded(String serial) {
        if (!control.recordedPens().contains(serial)) {
            throw new ApiException(
                    404,
                    "pen " + serial + " is not paired with this gateway; paired: "
                            + String.join(", ", new TreeSet<>(control.recordedPens())));
        }
    }

    /** {@code POST /api/pens/{serial}/area}: the area of the pen's next sessions, as {@code area set} chooses it. */
    ObjectNode chooseArea(String serial, String areaId) {
        Area area = Area.fromId(areaId)
                .orElseThrow(() ->
                        new ApiException(400, Quote.of(areaId) + " is not an area; use one of: " + Area.allIds()));
        requireRecorded(serial);
        control.chooseArea(serial, area);
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("pen", serial);
        json.put("area", area.id());
        return json;
    }
}
