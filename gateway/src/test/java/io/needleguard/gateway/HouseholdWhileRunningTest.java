package io.needleguard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Household;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.HouseholdInForce;
import io.needleguard.household.MemoryHouseholdRecords;
import io.needleguard.link.FakeBle;
import io.needleguard.link.FakePen;
import io.needleguard.rules.Finding;
import io.needleguard.rules.MinimumSpacing;
import io.needleguard.session.SessionId;
import io.needleguard.testing.Await;
import io.needleguard.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 1: a person added while the gateway runs (from another process: {@code needleguard owner
 * add}, then {@code pens owner}) is known to it at once: the pen's next session is theirs, judged in their
 * time zone, and their status is told to the listeners (MQTT, the page). Before: the household of the
 * start, until a restart.
 */
class HouseholdWhileRunningTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final List<String> radio = new CopyOnWriteArrayList<>();
    private final FakeBle ble = new FakeBle();
    private final FakePen pen = new FakePen("PEN-1", "PEN-1", "C0:00:00:00:00:01", radio);
    private final InMemoryHistory history = new InMemoryHistory();
    private final MemoryHouseholdRecords records = new MemoryHouseholdRecords();
    private final List<SafetyStatus.OwnerStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<Household> householdsTold = new CopyOnWriteArrayList<>();

    private Gateway gateway;

    private HouseholdChanges changes() {
        return new HouseholdChanges(
                HouseholdFile.NONE,
                records,
                Set.of("PEN-1")::contains,
                ZoneOffset.UTC,
                Clock.fixed(Instant.parse("2026-01-06T00:00:00Z"), ZoneOffset.UTC));
    }

    @BeforeEach
    void aGatewayOfAlexAlone() throws Exception {
        HouseholdChanges ours = changes();
        ours.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        ble.add(pen);
        gateway = Gateway.builder()
                .clock(new TestClock(Instant.parse("2026-02-01T10:00:00Z")))
                .backend(ble)
                .history(history.history())
                .household(HouseholdInForce.of(ours))
                .sessionOwners(ours)
                .allowedPens(Set.of("PEN-1")::contains)
                .listener(new GatewayListener() {
                    @Override
                    public void ownerStatus(SafetyStatus.OwnerStatus status) {
                        statuses.add(status);
                    }

                    @Override
                    public void householdChanged(Household household) {
                        householdsTold.add(household);
                    }
                })
                .build();
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        ble.close();
    }

    private RecordedSession session(long counter) {
        return history.sessions().find(new SessionId("PEN-1", counter)).orElseThrow();
    }

    @Test
    void bobAddedByAnotherProcessRecordsTheNextSessionInHisZoneAndHisStatusIsTold() {
        history.fromAnotherProcess(() -> {
            HouseholdChanges command = changes(); // another process's, over the same history
            command.addPerson("bob", Optional.of("Bob"), Optional.of(TOKYO), Optional.empty());
            command.setPenOwner("PEN-1", "bob");
        });
        Await.until(
                () -> statuses.stream().anyMatch(s -> s.owner().id().equals("bob")),
                WAIT,
                "bob's status told",
                statuses::toString);
        SafetyStatus.OwnerStatus bobs = statuses.stream()
                .filter(s -> s.owner().id().equals("bob"))
                .findFirst()
                .orElseThrow();
        assertEquals(TOKYO, bobs.owner().zone(), "bob's status is worked out in his zone");
        assertEquals(List.of("alex", "bob"), ids(householdsTold.get(householdsTold.size() - 1)));
        assertEquals(List.of("alex", "bob"), ids(gateway.household()));

        pen.record(1);
        pen.record(2);
        ble.advertise(pen);
        Await.until(() -> pen.kept().isEmpty(), WAIT, "the pen's two sessions stored", radio::toString);
        assertEquals("bob", session(1).session().owner());
        assertEquals("bob", session(2).session().owner());
        // Judged as bob's in Tokyo: a calendar day is his (1 and 2 are on Jan 7 and 8 there, Jan 6 and 7 in UTC).
        Finding spacing = session(2).findings().stream()
                .filter(f -> f.rule().equals(MinimumSpacing.ID))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no spacing finding: " + session(2).findings()));
        assertTrue(spacing.message().contains("session on cheeks of Wed 7 Jan 2026"), spacing.message());
        assertEquals(
                LocalTime.MIDNIGHT,
                spacing.nextSafeAt().atZone(TOKYO).toLocalTime(),
                "the next safe day starts at midnight in Tokyo");
    }

    private static List<String> ids(Household household) {
        return household.owners().stream().map(o -> o.id()).toList();
    }
}
