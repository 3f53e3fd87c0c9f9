package io.needleguard.mqtt.message;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        PayloadSchemas.assertValid("needleguard/SIM-0001/session", json(Payloads.session(r, BERLIN, false)));
        PayloadSchemas.assertValid("needleguard/SIM-0001/session", json(Payloads.session(r, BERLIN, true)));
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
                "needleguard/gateway", json(Payloads.gateway("0.1.0", 12, List.of("SIM-0001", "SIM-0002"), NOW)));
        PayloadSchemas.assertValid(
                "needleguard/SIM-0001/error", json(Payloads.commandError("SIM-0001", "area/set", "cheek", "no")));
    }

    @Test
    void theSchemasRejectWhatTheContractDoesNotAllow() throws IOException {
        RecordedSession r = new RecordedSession(
                session("SIM-0001", 4, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-4"), List.of(SPACING), NOW);
        ObjectNode bad = (ObjectNode) json(Payloads.session(r, BERLIN, false));
        bad.put("area", "cheek");
        assertFalse(PayloadSchemas.validate("needleguard/SIM-0001/session", bad).isEmpty());
        ObjectNode extra = (ObjectNode) json(Payloads.session(r, BERLIN, false));
        extra.put("password", "hunter2");
        assertFalse(
                PayloadSchemas.validate("needleguard/SIM-0001/session", extra).isEmpty());
        ObjectNode badTime = (ObjectNode) json(Payloads.session(r, BERLIN, false));
        badTime.put("start", "yesterday");
        assertFalse(
                PayloadSchemas.validate("needleguard/SIM-0001/session", badTime).isEmpty());
    }
}
