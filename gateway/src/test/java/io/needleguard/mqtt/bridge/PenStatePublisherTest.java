package io.needleguard.mqtt.bridge;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.link.LinkState;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.profile.StatusFrame;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.testing.Await;
import io.needleguard.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PenStatePublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final TestClock clock = new TestClock(Instant.parse("2026-01-20T18:00:00Z"));
    private final Household household = Household.single(BERLIN);
    private final List<OutboundMessage> published = new CopyOnWriteArrayList<>();
    private final PenStatePublisher states = new PenStatePublisher(
            published::add, new Messages(new Topics("needleguard"), household::zoneOf), household, clock);

    @AfterEach
    void close() {
        states.close();
    }

    private static StatusFrame running(String depth, int sequence) {
        return new StatusFrame(true, sequence, Depth.ofMm(depth), 120, Area.CHEEKS, "C-1");
    }

    private List<JsonNode> sent() {
        return published.stream()
                .map(m -> {
                    try {
                        JsonNode json = SessionJson.MAPPER.readTree(m.payload());
                        PayloadSchemas.assertValid(m.topic(), json);
                        return json;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    @Test
    void aBurstOfChangesIsPublishedAtMostOnceASecondEndingWithTheLatest() {
        states.penState("SIM-0001", LinkState.SUBSCRIBED);
        states.penBattery("SIM-0001", 87);
        for (int i = 0; i < 10; i++) {
            states.penStatus("SIM-0001", running("0." + (10 + i), i));
        }
        Await.until(
                () -> published.size() == 2, WAIT, "the first change at once, then one with the latest", () -> sent());
        List<JsonNode> seen = sent();
        assertTrue(seen.get(0).path("depthMm").isNull(), "the first: connected, before the pen ran");
        JsonNode last = seen.get(1);
        assertEquals("0.19", last.get("depthMm").asText());
        assertEquals(87, last.get("battery").asInt());
        assertTrue(last.get("connected").asBoolean());
        assertTrue(last.get("running").asBoolean());
        assertTrue(published.stream().allMatch(m -> m.retained() && m.topic().equals("needleguard/SIM-0001/state")));
    }

    @Test
    void aPenThatChangesWhileTheBridgeClosesIsNotAnError() {
        states.penState("SIM-0001", LinkState.SUBSCRIBED);
        states.close();
        // The pen's link dropping at shutdown: within the second, so it would wait for a flush that cannot come.
        states.penState("SIM-0001", LinkState.DISCONNECTED);
        states.penBattery("SIM-0001", 40);
        assertEquals(1, published.size(), "only what was sent before closing: " + sent());
    }

    @Test
    void atStartEachPenIsPublishedWithItsChosenAreaAndLastSession() {
        RecordedSession last = new RecordedSession(
                session("SIM-0001", 9, "2026-01-19T19:00:00Z", Area.NOSE, "0.25", "C-9"), List.of(), clock.instant());
        states.penKnown("SIM-0001", Optional.of(Area.FOREHEAD), Optional.of(last));

        assertEquals(1, published.size(), "one message, at once, complete: " + sent());
        JsonNode state = sent().get(0);
        assertEquals("forehead", state.get("area").asText(), "the stored choice, not null until the pen runs");
        assertEquals("SIM-0001:9", state.get("lastSession").get("sessionId").asText());
        assertEquals("me", state.get("owner").asText());
    }

    @Test
    void aStateThatDidNotChangeIsNotPublishedAgain() {
        states.penState("SIM-0001", LinkState.SUBSCRIBED);
        clock.advance(Duration.ofSeconds(5));
        states.penState("SIM-0001", LinkState.SYNCING); // still connected: nothing to say
        states.ownerStatus(new SafetyStatus.OwnerStatus(new Owner("me", BERLIN), clock.instant(), List.of(), 0));
        assertEquals(1, published.size(), sent().toString());

        clock.advance(Duration.ofSeconds(5));
        states.ownerStatus(new SafetyStatus.OwnerStatus(new Owner("me", BERLIN), clock.instant(), List.of(), 3));
        assertEquals(2, published.size());
        assertEquals(3, sent().get(1).get("openFindings").asInt());
    }

    @Test
    void openFindingsGoToThePensOfThatOwnerOnly() {
        Household two = new Household(
                List.of(new Owner("alex", BERLIN), new Owner("sam", BERLIN)),
                java.util.Map.of("A-1", "alex", "S-1", "sam"),
                BERLIN);
        try (PenStatePublisher perOwner = new PenStatePublisher(
                published::add, new Messages(new Topics("needleguard"), two::zoneOf), two, clock)) {
            perOwner.penKnown("A-1", Optional.empty(), Optional.empty());
            perOwner.penKnown("S-1", Optional.empty(), Optional.empty());
            clock.advance(Duration.ofSeconds(2));
            perOwner.ownerStatus(new SafetyStatus.OwnerStatus(new Owner("sam", BERLIN), clock.instant(), List.of(), 4));
            List<JsonNode> seen = sent();
            assertEquals(3, seen.size(), seen.toString());
            assertEquals("S-1", seen.get(2).get("pen").asText());
            assertEquals(4, seen.get(2).get("openFindings").asInt());
        }
    }
}
