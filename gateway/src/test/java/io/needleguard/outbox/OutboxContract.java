package io.needleguard.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} does, run against each implementation. */
public abstract class OutboxContract {

    protected Outbox outbox;
    private AutoCloseable closer;

    protected abstract Outbox create();

    protected abstract AutoCloseable closer();

    @BeforeEach
    void open() {
        outbox = create();
        closer = closer();
    }

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    private static OutboundMessage message(String text) {
        return new OutboundMessage("needleguard/P/session", text.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static List<String> texts(List<Outbox.Entry> entries) {
        return entries.stream()
                .map(e -> new String(e.message().payload(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void messagesWaitInOrderUntilAcknowledged() {
        for (int i = 1; i <= 4; i++) {
            outbox.add(message("m" + i));
        }
        assertEquals(4, outbox.size());
        assertEquals(List.of("m1", "m2"), texts(outbox.oldest(2)));

        List<Outbox.Entry> waiting = outbox.oldest(10);
        outbox.acknowledge(waiting.get(1).id());
        assertEquals(List.of("m1", "m3", "m4"), texts(outbox.oldest(10)));
        outbox.acknowledge(waiting.get(0).id());
        assertEquals(2, outbox.size());
        assertEquals(List.of("m3"), texts(outbox.oldest(1)));
    }

    @Test
    void keepsTopicPayloadQosAndTheRetainedFlag() {
        byte[] payload = {0, 1, (byte) 0xff, '{'};
        outbox.add(new OutboundMessage("homeassistant/sensor/x/config", payload, 1, true));
        outbox.add(new OutboundMessage("needleguard/P/alert", new byte[0], 0, false));

        List<Outbox.Entry> entries = outbox.oldest(10);
        OutboundMessage first = entries.get(0).message();
        assertEquals("homeassistant/sensor/x/config", first.topic());
        assertArrayEquals(payload, first.payload());
        assertEquals(1, first.qos());
        assertTrue(first.retained());
        OutboundMessage second = entries.get(1).message();
        assertEquals(0, second.payload().length);
        assertEquals(0, second.qos());
        assertFalse(second.retained());
        assertTrue(entries.get(0).id() < entries.get(1).id(), "ids grow in the order messages were added");
    }

    @Test
    void readsOnFromWhereTheLastBatchEnded() {
        for (int i = 1; i <= 5; i++) {
            outbox.add(message("m" + i));
        }
        List<Outbox.Entry> first = outbox.oldestAfter(0, 2);
        assertEquals(List.of("m1", "m2"), texts(first));
        assertEquals(List.of("m3", "m4"), texts(outbox.oldestAfter(first.get(1).id(), 2)));
        outbox.acknowledge(first.get(1).id());
        assertEquals(
                List.of("m3", "m4", "m5"), texts(outbox.oldestAfter(first.get(0).id(), 10)));
        assertEquals(List.of(), outbox.oldestAfter(outbox.oldest(10).get(3).id(), 10));
    }

    @Test
    void acknowledgesABatchTogetherAndKeepsTheCount() {
        for (int i = 1; i <= 5; i++) {
            outbox.add(message("m" + i));
        }
        List<Outbox.Entry> waiting = outbox.oldest(10);
        outbox.acknowledge(
                List.of(waiting.get(0).id(), waiting.get(2).id(), waiting.get(4).id(), 999_999L));
        assertEquals(List.of("m2", "m4"), texts(outbox.oldest(10)));
        assertEquals(2, outbox.size());
        outbox.acknowledge(List.of());
        assertEquals(2, outbox.size());
    }

    @Test
    void acknowledgingTwiceOrAnUnknownIdChangesNothing() {
        outbox.add(message("m1"));
        long id = outbox.oldest(1).get(0).id();
        outbox.acknowledge(id);
        outbox.acknowledge(id);
        outbox.acknowledge(id + 1000);
        assertEquals(0, outbox.size());
        assertEquals(List.of(), outbox.oldest(5));
    }
}
