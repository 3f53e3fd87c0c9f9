package io.needleguard.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.link.LinkState;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.profile.StatusFrame;
import io.needleguard.household.Household;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PenStatePublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EmbeddedBroker broker = EmbeddedBroker.start();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-20T18:00:00Z"), ZoneOffset.UTC);
    private final MqttPublisher publisher = MqttPublisher.start(MqttSettings.of(broker.url(), "state-test", "needleguard"),
            owner -> ZoneId.of("Europe/Berlin"), clock, new MemoryOutbox(100));
    private final PenStatePublisher states = new PenStatePublisher(publisher, Household.single(ZoneId.of("Europe/Berlin")), clock);
    private TestSubscriber subscriber;

    @AfterEach
    void close() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        states.close();
        publisher.close();
        broker.close();
    }

    private static StatusFrame running(String depth, int sequence) {
        return new StatusFrame(true, sequence, Depth.ofMm(depth), 120, Area.CHEEKS, "C-1");
    }

    @Test
    void aBurstOfChangesIsPublishedAtMostOnceASecondEndingWithTheLatest() throws Exception {
        subscriber = new TestSubscriber(broker.url(), "needleguard/SIM-0001/state");
        assertTrue(Await.until(publisher::isConnected, WAIT));
        states.penState("SIM-0001", LinkState.SUBSCRIBED);
        states.penBattery("SIM-0001", 87);
        for (int i = 0; i < 10; i++) {
            states.penStatus("SIM-0001", running("0." + (10 + i), i));
        }
        assertTrue(Await.until(() -> subscriber.seen().stream().anyMatch(m -> m.json().path("depthMm").asText().equals("0.19")), WAIT));
        List<TestSubscriber.Received> seen = subscriber.seen();
        assertEquals(2, seen.size(), "the first change at once, then one with the latest of the rest: " + seen);
        assertTrue(seen.get(0).json().path("depthMm").isNull(), "the first: connected, before the pen ran");
        TestSubscriber.Received last = seen.get(1);
        assertEquals(87, last.json().get("battery").asInt());
        assertTrue(last.json().get("connected").asBoolean());
        assertTrue(last.json().get("running").asBoolean());
        assertEquals("cheeks", last.json().get("area").asText());
        PayloadSchemas.assertAllValid(seen);
    }

    @Test
    void aConsumerArrivingLaterGetsTheLatestStateRetained() throws Exception {
        assertTrue(Await.until(publisher::isConnected, WAIT));
        states.penState("SIM-0001", LinkState.SUBSCRIBED);
        try (TestSubscriber late = new TestSubscriber(broker.url(), "needleguard/SIM-0001/state")) {
            // Moquette delivers retained messages without the retained flag; Mosquitto's test checks the flag.
            assertTrue(late.awaitMatch(m -> m.json().get("connected").asBoolean(), WAIT).isPresent());
        }
    }
}
