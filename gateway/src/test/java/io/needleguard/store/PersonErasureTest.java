package io.needleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.bridge.MqttBridge;
import io.needleguard.mqtt.bridge.PersonWithdrawal;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.outbox.AnnouncedDevices;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code owner erase}'s work on a real history: a person's sessions, findings, conditions, time zone and
 * pen's area choice gone, overwritten in the file; their messages waiting for the broker dropped, their
 * retained topics cleared and their Home Assistant device withdrawn through the outbox; and another
 * person's finding that named them (a shared cartridge) judged again without them.
 */
class PersonErasureTest {

    private static final Instant DAY1 = Instant.parse("2026-03-01T19:00:00Z");
    private static final String ONLY_ALEX = "ALEX-ONLY-4242";
    private static final MqttSettings MQTT = MqttSettings.of("tcp://broker:1883", "ng", "needleguard");

    @TempDir
    Path temp;

    private static Session session(String pen, long n, String owner, Instant start, String cartridge) {
        return new Session(
                new SessionId(pen, n),
                owner,
                Area.CHEEKS,
                Depth.ofMm("0.5"),
                120,
                start,
                start.plus(Duration.ofMinutes(8)),
                cartridge);
    }

    private static boolean contains(Path file, String text) throws Exception {
        if (!Files.exists(file)) {
            return false;
        }
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }

    @Test
    void aPersonIsErasedAndTheSessionsOfOthersThatCountedThemAreJudgedAgain() throws Exception {
        Path data = temp.resolve("data");
        Household household = new Household(
                List.of(new Owner("alex", ZoneOffset.UTC), new Owner("sam", ZoneOffset.UTC)),
                Map.of("PEN-A", "alex", "PEN-S", "sam"),
                ZoneOffset.UTC);
        TestClock clock = new TestClock(DAY1.plus(Duration.ofDays(10)));
        try (SqliteStore store = SqliteStore.open(data)) {
            Outbox outbox = store.outbox();
            store.sessions().saveOwners(household.owners());
            SessionRecorder recorder = new SessionRecorder(
                    store.history(),
                    SafetyCheck.standard(),
                    household,
                    clock,
                    RecorderListener.NONE,
                    new OutboxChangeLog(MqttBridge.messages(MQTT, household), outbox));
            // Months of alex's sessions before: their MQTT messages fill pages of the outbox.
            for (int n = 1; n <= 40; n++) {
                recorder.record(
                        session("PEN-A", 100 + n, "alex", DAY1.minus(Duration.ofDays(90 - n)), ONLY_ALEX + "-" + n));
            }
            recorder.record(session("PEN-A", 1, "alex", DAY1, ONLY_ALEX));
            recorder.record(session("PEN-A", 2, "alex", DAY1.plus(Duration.ofDays(3)), "SHARED-77"));
            recorder.record(session("PEN-S", 1, "sam", DAY1.plus(Duration.ofDays(5)), "SHARED-77"));
            recorder.addCondition(new ConditionPeriod(
                    0, "alex", Condition.SUNBURN, DAY1.minus(Duration.ofDays(1)), Optional.empty()));
            store.areas().chooseArea("PEN-A", Area.NECK, DAY1);
            String alexDevice = DiscoveryIds.person("needleguard", "alex");
            store.announced().announced(new AnnouncedDevices.Device(alexDevice, "person", "alex", "{}"));
            RecordedSession samBefore =
                    store.sessions().find(new SessionId("PEN-S", 1)).orElseThrow();
            assertTrue(
                    samBefore.findings().stream()
                            .anyMatch(f -> f.rule().equals("cartridge.reuse")
                                    && f.message().contains("alex")),
                    "sam's session names alex's cartridge use: " + samBefore.findings());
            // The broker acknowledged alex's first session's messages long ago: deleted the ordinary way.
            List<Long> delivered = outbox.oldest(1000).stream()
                    .filter(e -> new String(e.message().payload(), StandardCharsets.UTF_8).contains(ONLY_ALEX))
                    .map(Outbox.Entry::id)
                    .toList();
            assertTrue(!delivered.isEmpty(), "alex's first session was reported on MQTT");
            outbox.acknowledge(delivered);
            int waitingBefore = outbox.size();

            PersonWithdrawal withdrawal = new PersonWithdrawal(MQTT, outbox, store.announced());
            int[] dropped = {0};
            SessionRecorder.Erasure erasure = recorder.eraseOwner(
                    "alex",
                    Set.of("PEN-A"),
                    store.erasure(),
                    () -> dropped[0] = withdrawal.write("alex", List.of("PEN-A")));
            store.erasure().scrub();

            assertEquals(42, erasure.erased().sessions());
            assertEquals(1, erasure.erased().conditions());
            assertEquals(1, erasure.erased().areaChoices());
            assertEquals(List.of(), store.sessions().list(HistoryQuery.all().withOwner("alex")));
            assertEquals(List.of(), store.conditions().conditions("alex"));
            assertFalse(store.sessions().ownerZones().containsKey("alex"));
            assertEquals(Optional.empty(), store.areas().chosenArea("PEN-A"));
            assertFalse(store.announced().devices().containsKey(alexDevice));

            RecordedSession samAfter =
                    store.sessions().find(new SessionId("PEN-S", 1)).orElseThrow();
            assertTrue(
                    samAfter.findings().stream().noneMatch(f -> f.rule().equals("cartridge.reuse")),
                    "judged again without alex: " + samAfter.findings());
            assertEquals(List.of(samAfter), erasure.rejudged());

            List<OutboundMessage> waiting =
                    outbox.oldest(1000).stream().map(Outbox.Entry::message).toList();
            assertTrue(dropped[0] > 0 && waitingBefore > 0, "alex's waiting messages were dropped: " + dropped[0]);
            for (OutboundMessage m : waiting) {
                String payload = new String(m.payload(), StandardCharsets.UTF_8);
                assertFalse(
                        payload.contains("\"owner\":\"alex\"") || payload.contains(ONLY_ALEX),
                        m.topic() + " " + payload);
            }
            for (String cleared : List.of(
                    "needleguard/alex/next-safe",
                    "needleguard/alex/latest-alert",
                    "needleguard/PEN-A/state",
                    "homeassistant/device/" + alexDevice + "/config")) {
                assertTrue(
                        waiting.stream()
                                .anyMatch(m -> m.topic().equals(cleared) && m.retained() && m.payload().length == 0),
                        cleared + " is cleared through the outbox: "
                                + waiting.stream().map(OutboundMessage::topic).toList());
            }
            assertTrue(
                    waiting.stream()
                            .anyMatch(m -> m.topic().equals("needleguard/PEN-S/alert")
                                    && new String(m.payload(), StandardCharsets.UTF_8).contains("\"resolved\":true")),
                    "sam's cartridge finding is resolved on MQTT");
        }
        assertFalse(
                contains(data.resolve("needleguard.db"), ONLY_ALEX),
                "overwritten in the file, not only unlinked, also where earlier deletes left it");
        assertFalse(contains(data.resolve("needleguard.db-wal"), ONLY_ALEX), "nor left in the write-ahead log");
    }
}
