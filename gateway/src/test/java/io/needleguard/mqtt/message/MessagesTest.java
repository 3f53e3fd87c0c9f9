package io.needleguard.mqtt.message;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.history.RecordedSession;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The messages of the contract, as values: no broker, no connection. */
class MessagesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-01-08T20:00:00Z");
    private static final Finding SPACING = new Finding(
            "spacing.min-interval",
            Severity.WARNING,
            "too soon",
            "Alam 2014 [P]",
            Instant.parse("2026-01-18T23:00:00Z"));
    private static final Finding DEPTH = new Finding("depth.home-limit", Severity.CRITICAL, "too deep", "[M]", null);

    private final Messages messages = new Messages(new Topics("needleguard"), owner -> BERLIN);

    private static JsonNode json(OutboundMessage m) throws IOException {
        JsonNode json = SessionJson.MAPPER.readTree(m.payload());
        PayloadSchemas.assertValid(m.topic(), json);
        return json;
    }

    @Test
    void aRecordedSessionIsTheJsonTheHistoryPrintsThenOneAlertPerFinding() throws IOException {
        RecordedSession r = new RecordedSession(
                session("SIM-0001", 2, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-0002"),
                List.of(DEPTH, SPACING),
                NOW);

        List<OutboundMessage> out = messages.recorded(r);

        assertEquals(
                List.of("needleguard/SIM-0001/session", "needleguard/SIM-0001/alert", "needleguard/SIM-0001/alert"),
                out.stream().map(OutboundMessage::topic).toList());
        assertTrue(out.stream().allMatch(m -> m.qos() == 1 && !m.retained()), "events: QoS 1, not retained");
        ObjectNode expected = SessionJson.MAPPER.createObjectNode().put("schemaVersion", 1);
        expected.setAll(SessionJson.toJson(r, BERLIN));
        expected.put("update", false);
        expected.put("deleted", false);
        assertEquals(SessionJson.write(expected), SessionJson.write(json(out.get(0))));
        assertEquals("2026-01-08T20:00:00+01:00", json(out.get(0)).get("start").asText());
        assertEquals(r, SessionJson.fromJson(json(out.get(0)), NOW));

        JsonNode depthAlert = json(out.get(1));
        assertEquals("depth.home-limit", depthAlert.get("rule").asText());
        assertEquals("critical", depthAlert.get("severity").asText());
        assertEquals("SIM-0001:2", depthAlert.get("sessionId").asText());
        assertFalse(depthAlert.has("nextSafeAt"));
        assertFalse(depthAlert.get("update").asBoolean());
        JsonNode spacingAlert = json(out.get(2));
        assertEquals("2026-01-19T00:00:00+01:00", spacingAlert.get("nextSafeAt").asText());
        assertEquals(
                "2026-01-08T20:00:00+01:00", spacingAlert.get("sessionStart").asText());
    }

    @Test
    void aSessionJudgedAgainIsAnUpdateWithItsNewFindingsAndTheOnesItLostResolved() throws IOException {
        Session s = session("SIM-0001", 3, "2026-01-10T19:00:00Z", Area.CHEEKS, "0.5", "C-3");

        List<OutboundMessage> out =
                messages.findingsChanged(new RecordedSession(s, List.of(SPACING), NOW), List.of(DEPTH));

        assertEquals(3, out.size());
        assertTrue(json(out.get(0)).get("update").asBoolean());
        assertEquals(List.of("spacing.min-interval"), json(out.get(0)).findValuesAsText("rule"));
        JsonNode added = json(out.get(1));
        assertEquals("spacing.min-interval", added.get("rule").asText());
        assertTrue(added.get("update").asBoolean());
        assertFalse(added.get("resolved").asBoolean());
        JsonNode resolved = json(out.get(2));
        assertEquals("depth.home-limit", resolved.get("rule").asText());
        assertTrue(resolved.get("resolved").asBoolean());
    }

    private static Session byHand(long number, String owner, String depth, Optional<Duration> duration) {
        return Session.loggedByHand(
                SessionId.handEntry(number),
                owner,
                Area.CHEEKS,
                Depth.ofMm(depth),
                Instant.parse("2026-01-08T19:00:00Z"),
                duration,
                "",
                Optional.of("roller-1"));
    }

    @Test
    void aSessionLoggedByHandGoesUnderItsOwnerMarkedAsSuchWithNullForWhatNobodyMeasured() throws IOException {
        RecordedSession r = new RecordedSession(byHand(3, "alex", "0.5", Optional.empty()), List.of(SPACING), NOW);

        List<OutboundMessage> out = messages.recorded(r);

        assertEquals(
                List.of("needleguard/alex/session", "needleguard/alex/alert"),
                out.stream().map(OutboundMessage::topic).toList());
        JsonNode session = json(out.get(0));
        assertEquals("hand", session.get("recordedBy").asText());
        assertEquals("hand-3", session.get("sessionId").asText());
        assertEquals("roller-1", session.get("device").asText());
        assertTrue(session.get("pen").isNull());
        assertTrue(session.get("strokeHz").isNull());
        assertTrue(session.get("end").isNull(), "no duration given: no end");
        assertTrue(session.get("durationS").isNull());
        assertEquals(r, SessionJson.fromJson(session, NOW), "the JSON reads back as the same session");
        JsonNode alert = json(out.get(1));
        assertEquals("hand", alert.get("recordedBy").asText());
        assertTrue(alert.get("pen").isNull());
    }

    @Test
    void aCorrectedSessionIsAnUpdateWithItsNewFindingsAndTheOnesItLostResolved() throws IOException {
        RecordedSession before = new RecordedSession(byHand(3, "alex", "0.5", Optional.empty()), List.of(DEPTH), NOW);
        RecordedSession now = new RecordedSession(
                byHand(3, "alex", "0.25", Optional.of(Duration.ofMinutes(8))), List.of(SPACING), NOW);

        List<OutboundMessage> out = messages.edited(now, before);

        assertEquals(
                List.of("needleguard/alex/session", "needleguard/alex/alert", "needleguard/alex/alert"),
                out.stream().map(OutboundMessage::topic).toList());
        JsonNode session = json(out.get(0));
        assertTrue(session.get("update").asBoolean());
        assertFalse(session.get("deleted").asBoolean());
        assertEquals(0.25, session.get("depthMm").asDouble());
        assertEquals(480, session.get("durationS").asInt());
        assertEquals("spacing.min-interval", json(out.get(1)).get("rule").asText());
        assertFalse(json(out.get(1)).get("resolved").asBoolean());
        assertEquals("depth.home-limit", json(out.get(2)).get("rule").asText());
        assertTrue(json(out.get(2)).get("resolved").asBoolean());
    }

    @Test
    void aSessionCorrectedToAnotherPersonLeavesTheFirstPersonsTopicsAndComesToTheOthers() throws IOException {
        RecordedSession before = new RecordedSession(byHand(3, "alex", "0.5", Optional.empty()), List.of(DEPTH), NOW);
        RecordedSession now = new RecordedSession(byHand(3, "sam", "0.5", Optional.empty()), List.of(DEPTH), NOW);

        List<OutboundMessage> out = messages.edited(now, before);

        assertEquals(
                List.of(
                        "needleguard/alex/session",
                        "needleguard/alex/alert",
                        "needleguard/sam/session",
                        "needleguard/sam/alert"),
                out.stream().map(OutboundMessage::topic).toList());
        assertTrue(json(out.get(0)).get("deleted").asBoolean());
        assertTrue(json(out.get(1)).get("resolved").asBoolean());
        assertTrue(json(out.get(2)).get("update").asBoolean());
        assertEquals("sam", json(out.get(2)).get("owner").asText());
        assertFalse(json(out.get(3)).get("resolved").asBoolean());
    }

    @Test
    void aDeletedSessionIsSentOnceMoreWithoutFindingsOrAftercareAndItsFindingsResolved() throws IOException {
        RecordedSession was =
                new RecordedSession(byHand(3, "alex", "0.5", Optional.empty()), List.of(DEPTH, SPACING), NOW);

        List<OutboundMessage> out = messages.deleted(was);

        assertEquals(3, out.size());
        JsonNode session = json(out.get(0));
        assertEquals("needleguard/alex/session", out.get(0).topic());
        assertTrue(session.get("deleted").asBoolean());
        assertTrue(session.get("update").asBoolean());
        assertEquals(0, session.get("findings").size());
        assertEquals(0, session.get("aftercare").size());
        assertEquals("hand-3", session.get("sessionId").asText());
        assertEquals(
                List.of("depth.home-limit", "spacing.min-interval"),
                List.of(
                        json(out.get(1)).get("rule").asText(),
                        json(out.get(2)).get("rule").asText()));
        assertTrue(json(out.get(1)).get("resolved").asBoolean()
                && json(out.get(2)).get("resolved").asBoolean());
    }

    @Test
    void anUnchangedFindingIsNotAnnouncedAgain() {
        Session s = session("SIM-0001", 3, "2026-01-10T19:00:00Z", Area.CHEEKS, "0.5", "C-3");
        List<OutboundMessage> out =
                messages.findingsChanged(new RecordedSession(s, List.of(SPACING, DEPTH), NOW), List.of(DEPTH));
        assertEquals(2, out.size(), "the session update and the one new finding");
    }

    @Test
    void aConfiguredRootIsUsedAndAnOddSerialStaysOneTopicLevel() throws IOException {
        Messages other = new Messages(new Topics("home/skin"), owner -> BERLIN);
        OutboundMessage m = other.recorded(new RecordedSession(
                        session("A/B+C#D", 1, "2026-01-08T19:00:00Z", Area.NOSE, "0.25", "C-1"), List.of(), NOW))
                .get(0);
        assertEquals("home/skin/A_B_C_D/session", m.topic());
        assertEquals(
                "A/B+C#D", SessionJson.MAPPER.readTree(m.payload()).get("pen").asText());
    }

    @Test
    void aPenStateSaysTheChosenAreaAndTheLastSessionAndIsRetained() throws IOException {
        RecordedSession last = new RecordedSession(
                session("SIM-0001", 4, "2026-01-07T19:00:00Z", Area.NOSE, "0.25", "C-4"), List.of(SPACING), NOW);
        PenState state = PenState.unknown("SIM-0001", "me")
                .withArea(Area.FOREHEAD)
                .withSession(last)
                .withBattery(81)
                .withConnected(true)
                .withLive(true, Depth.ofMm("0.25"), 110, "")
                .withOpenFindings(2);

        OutboundMessage m = messages.penState(state, NOW);

        assertEquals("needleguard/SIM-0001/state", m.topic());
        assertTrue(m.retained());
        JsonNode json = json(m);
        assertEquals("forehead", json.get("area").asText());
        assertEquals("SIM-0001:4", json.get("lastSession").get("sessionId").asText());
        assertEquals(1, json.get("lastSession").get("findings").asInt());
        assertEquals(81, json.get("battery").asInt());
        assertEquals(2, json.get("openFindings").asInt());
        assertTrue(json.get("cartridge").isNull(), "no cartridge read: null, not an empty string");
        assertEquals("2026-01-08T21:00:00+01:00", json.get("updatedAt").asText());
    }

    @Test
    void anOlderSessionDoesNotReplaceTheLastOneShown() {
        RecordedSession newer = new RecordedSession(
                session("SIM-0001", 4, "2026-01-07T19:00:00Z", Area.NOSE, "0.25", ""), List.of(), NOW);
        RecordedSession older = new RecordedSession(
                session("SIM-0001", 2, "2026-01-03T19:00:00Z", Area.NOSE, "0.25", ""), List.of(), NOW);
        PenState state = PenState.unknown("SIM-0001", "me").withSession(newer).withSession(older);
        assertEquals(newer, state.lastSession().orElseThrow());
    }

    @Test
    void availabilityIsRetainedPlainText() {
        OutboundMessage online = messages.availability(true);
        assertEquals("needleguard/status", online.topic());
        assertEquals("online", new String(online.payload(), StandardCharsets.UTF_8));
        assertTrue(online.retained());
        assertEquals("offline", new String(messages.availability(false).payload(), StandardCharsets.UTF_8));
    }
}
