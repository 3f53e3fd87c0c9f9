package io.needleguard.mqtt.message;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.backup.BackupStatus;
import io.needleguard.backup.Frequency;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.rules.Finding;
import io.needleguard.rules.NextSafe;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every kind of payload the gateway publishes matches its JSON Schema in src/docs/mqtt/. */
class PayloadContractTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-01-20T18:00:00Z");
    private static final Finding SPACING =
            new Finding("spacing.min-interval", Severity.CRITICAL, "too soon", "Alam 2014 [P]", NOW);
    private static final Finding SPEED = new Finding("speed.out-of-range", Severity.INFO, "250 Hz", "[M]", null);

    private static JsonNode json(byte[] payload) throws IOException {
        return SessionJson.MAPPER.readTree(payload);
    }

    @Test
    void sessionsAndTheirUpdates() throws IOException {
        RecordedSession r = new RecordedSession(
                session("SIM-0001", 4, "2026-01-08T19:00:00Z", Area.UPPER_LIP, "0.25", ""),
                List.of(SPACING, SPEED),
                NOW);
        PayloadSchemas.assertValid("needleguard/SIM-0001/session", json(Payloads.session(r, BERLIN, false, false)));
        PayloadSchemas.assertValid("needleguard/SIM-0001/session", json(Payloads.session(r, BERLIN, true, false)));
    }

    @Test
    void aSessionOfAPenWhoseCounterStartedAgainCarriesItsGeneration() throws IOException {
        Session first = session("SIM-0001", 4, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-4");
        Session again = new Session(
                new SessionId("SIM-0001", 1, 4),
                first.owner(),
                first.area(),
                first.depth(),
                first.strokeHz(),
                first.start(),
                first.end(),
                "C-9",
                first.device());
        JsonNode payload =
                json(Payloads.session(new RecordedSession(again, List.of(SPACING), NOW), BERLIN, false, false));
        assertEquals("SIM-0001:1.4", payload.get("sessionId").asText());
        PayloadSchemas.assertValid("needleguard/SIM-0001/session", payload);
        PayloadSchemas.assertValid(
                "needleguard/SIM-0001/alert", json(Payloads.alert(again, SPACING, BERLIN, false, false)));
        PayloadSchemas.assertValid(
                "needleguard/alex/latest-alert",
                json(Payloads.latestAlert(new SafetyStatus.OwnerStatus(
                        new Owner("alex", BERLIN),
                        NOW,
                        List.of(),
                        1,
                        Optional.of(new SafetyStatus.Alert(again, SPACING))))));
    }

    @Test
    void alertsRecordedUpdatedResolvedAndLive() throws IOException {
        Session s = session("SIM-0001", 4, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-4");
        PayloadSchemas.assertValid(
                "needleguard/SIM-0001/alert", json(Payloads.alert(s, SPACING, BERLIN, false, false)));
        PayloadSchemas.assertValid("needleguard/SIM-0001/alert", json(Payloads.alert(s, SPEED, BERLIN, true, true)));
        Session running =
                new Session(new SessionId("SIM-0001", 0), "me", Area.EYELIDS, s.depth(), 120, NOW, NOW, "C-5");
        PayloadSchemas.assertValid("needleguard/SIM-0001/alert", json(Payloads.liveAlert(running, SPEED, BERLIN)));
    }

    @Test
    void nextSafeTimesWithEveryKindOfArea() throws IOException {
        Owner alex = new Owner("alex", BERLIN);
        List<SafetyStatus.AreaStatus> areas = Arrays.stream(Area.values())
                .map(a -> switch (a) {
                    case EYELIDS ->
                        new SafetyStatus.AreaStatus(
                                a,
                                Optional.of(new NextSafe(Optional.empty(), "area.not-for-needling", "never")),
                                Optional.empty());
                    case CHEEKS ->
                        new SafetyStatus.AreaStatus(
                                a,
                                Optional.of(new NextSafe(Optional.of(NOW), "spacing.min-interval", "wait")),
                                Optional.empty());
                    default -> new SafetyStatus.AreaStatus(a, Optional.empty(), Optional.empty());
                })
                .toList();
        PayloadSchemas.assertValid(
                "needleguard/alex/next-safe",
                json(Payloads.nextSafe(new SafetyStatus.OwnerStatus(alex, NOW, areas, 2))));
    }

    @Test
    void theLatestAlertOrNone() throws IOException {
        Owner alex = new Owner("alex", BERLIN);
        Session s = session("SIM-0001", 4, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-4");
        PayloadSchemas.assertValid(
                "needleguard/alex/latest-alert",
                json(Payloads.latestAlert(new SafetyStatus.OwnerStatus(
                        alex, NOW, List.of(), 1, Optional.of(new SafetyStatus.Alert(s, SPACING))))));
        PayloadSchemas.assertValid(
                "needleguard/alex/latest-alert",
                json(Payloads.latestAlert(new SafetyStatus.OwnerStatus(alex, NOW, List.of(), 0))));
    }

    @Test
    void gatewayStateAndCommandErrors() throws IOException {
        PayloadSchemas.assertValid(
                "needleguard/gateway",
                json(Payloads.gateway("0.1.0", 12, List.of("SIM-0001", "SIM-0002"), BackupStatus.OFF, NOW)));
        BackupStatus failing = new BackupStatus(
                Frequency.DAILY,
                Optional.of(NOW.minusSeconds(86_400)),
                Optional.of("needleguard-20261128-030000.db"),
                Optional.of(NOW),
                Optional.of("cannot write the backup (No space left on device)"));
        PayloadSchemas.assertValid("needleguard/gateway", json(Payloads.gateway("0.1.0", 0, List.of(), failing, NOW)));
        PayloadSchemas.assertValid(
                "needleguard/SIM-0001/error",
                json(Payloads.commandError("pen", "SIM-0001", "area/set", "cheek", "no")));
        PayloadSchemas.assertValid(
                "needleguard/alex/error", json(Payloads.commandError("owner", "alex", "log", "{}", "no area")));
        ObjectNode both = (ObjectNode) json(Payloads.commandError("owner", "alex", "log", "{}", "no area"));
        both.put("pen", "SIM-0001");
        assertFalse(PayloadSchemas.validate("needleguard/alex/error", both).isEmpty(), "a pen's or a person's");
    }

    @Test
    void sessionsLoggedByHandTheirAlertsAndTheirDeletion() throws IOException {
        Session byHand = Session.loggedByHand(
                SessionId.handEntry(7),
                "alex",
                Area.CHEEKS,
                io.needleguard.session.Depth.ofMm("0.5"),
                NOW,
                Optional.empty(),
                "",
                Optional.of("roller-1"));
        RecordedSession r = new RecordedSession(byHand, List.of(SPACING), NOW);
        PayloadSchemas.assertValid("needleguard/alex/session", json(Payloads.session(r, BERLIN, false, false)));
        PayloadSchemas.assertValid("needleguard/alex/session", json(Payloads.session(r, BERLIN, true, true)));
        PayloadSchemas.assertValid("needleguard/alex/alert", json(Payloads.alert(byHand, SPACING, BERLIN, true, true)));
        PayloadSchemas.assertValid(
                "needleguard/alex/latest-alert",
                json(Payloads.latestAlert(new SafetyStatus.OwnerStatus(
                        new Owner("alex", BERLIN),
                        NOW,
                        List.of(),
                        1,
                        Optional.of(new SafetyStatus.Alert(byHand, SPACING))))));
        // A hand entry is no pen's: the schema holds the two kinds apart.
        ObjectNode withPen = (ObjectNode) json(Payloads.session(r, BERLIN, false, false));
        withPen.put("pen", "SIM-0001");
        assertFalse(PayloadSchemas.validate("needleguard/alex/session", withPen).isEmpty());
        RecordedSession pens = new RecordedSession(
                session("SIM-0001", 4, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-4"), List.of(), NOW);
        ObjectNode deletedPenSession = (ObjectNode) json(Payloads.session(pens, BERLIN, true, false));
        deletedPenSession.put("deleted", true);
        assertFalse(
                PayloadSchemas.validate("needleguard/SIM-0001/session", deletedPenSession)
                        .isEmpty(),
                "only sessions logged by hand are deleted");
    }

    @Test
    void theLogCommandsSchemaTakesTheDocumentedExamplesAndRefusesTheRest() throws IOException {
        for (String ok : List.of(
                "{\"area\": \"cheeks\", \"depthMm\": 0.5}",
                "{\"area\": \"cheeks\", \"depthMm\": 0.5, \"duration\": \"10m\", \"at\": \"2026-11-28T20:15\","
                        + " \"cartridge\": \"C-12\"}",
                "{\"schemaVersion\": 1, \"area\": \"neck\", \"device\": \"roller-1\","
                        + " \"at\": \"2026-11-28T20:15:00+01:00\"}",
                // What Home Assistant's now().isoformat() writes.
                "{\"area\": \"neck\", \"device\": \"roller-1\", \"at\": \"2026-11-28T20:15:03.123456+01:00\"}")) {
            PayloadSchemas.assertValid("needleguard/alex/log", SessionJson.MAPPER.readTree(ok));
            // and the gateway reads it
            LogCommandPayload.read(ok.getBytes(java.nio.charset.StandardCharsets.UTF_8), "alex");
        }
        for (String bad : List.of(
                "{\"depthMm\": 0.5}",
                "{\"area\": \"cheek\", \"depthMm\": 0.5}",
                "{\"area\": \"cheeks\", \"depthMm\": \"0.5\"}",
                "{\"area\": \"cheeks\", \"owner\": \"sam\"}")) {
            assertFalse(
                    PayloadSchemas.validate("needleguard/alex/log", SessionJson.MAPPER.readTree(bad))
                            .isEmpty(),
                    bad);
            assertThrows(
                    io.needleguard.text.InvalidInputException.class,
                    () -> LogCommandPayload.read(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), "alex"),
                    bad);
        }
    }

    @Test
    void theSchemasRejectWhatTheContractDoesNotAllow() throws IOException {
        RecordedSession r = new RecordedSession(
                session("SIM-0001", 4, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-4"), List.of(SPACING), NOW);
        ObjectNode bad = (ObjectNode) json(Payloads.session(r, BERLIN, false, false));
        bad.put("area", "cheek");
        assertFalse(PayloadSchemas.validate("needleguard/SIM-0001/session", bad).isEmpty());
        ObjectNode extra = (ObjectNode) json(Payloads.session(r, BERLIN, false, false));
        extra.put("password", "hunter2");
        assertFalse(
                PayloadSchemas.validate("needleguard/SIM-0001/session", extra).isEmpty());
        ObjectNode badTime = (ObjectNode) json(Payloads.session(r, BERLIN, false, false));
        badTime.put("start", "yesterday");
        assertFalse(
                PayloadSchemas.validate("needleguard/SIM-0001/session", badTime).isEmpty());
    }
}
