package io.needleguard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.history.InMemoryHistory;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.MemoryHouseholdRecords;
import io.needleguard.link.FakeBle;
import io.needleguard.link.FakePen;
import io.needleguard.session.SessionId;
import io.needleguard.testing.Await;
import io.needleguard.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 1: a running gateway records a pen's session for whoever the household says when the
 * session is recorded, not for whoever it said when the gateway started (before: the owner at start,
 * until a restart), and a pen lent for one session records that one for the borrower.
 */
class PenOwnersWhileRunningTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> radio = new CopyOnWriteArrayList<>();
    private final FakeBle ble = new FakeBle();
    private final FakePen pen = new FakePen("PEN-1", "PEN-1", "C0:00:00:00:00:01", radio);
    private final InMemoryHistory history = new InMemoryHistory();
    private final MemoryHouseholdRecords records = new MemoryHouseholdRecords();
    /** The lending is made on Jan 6 at midnight: the fake pen's sessions 1 and 2 start after it. */
    private final HouseholdChanges changes = new HouseholdChanges(
            HouseholdFile.NONE,
            records,
            Set.of("PEN-1")::contains,
            ZoneOffset.UTC,
            Clock.fixed(Instant.parse("2026-01-06T00:00:00Z"), ZoneOffset.UTC));

    private Gateway gateway;

    @BeforeEach
    void aHouseholdOfAlexAndKim() throws Exception {
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addPerson("kim", Optional.empty(), Optional.empty(), Optional.empty());
        ble.add(pen);
        gateway = Gateway.builder()
                .clock(new TestClock(Instant.parse("2026-02-01T10:00:00Z")))
                .backend(ble)
                .history(history.history())
                .household(changes.household())
                .sessionOwners(changes)
                .allowedPens(Set.of("PEN-1")::contains)
                .build();
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        ble.close();
    }

    private String ownerOf(long counter) {
        return history.sessions()
                .find(new SessionId("PEN-1", counter))
                .orElseThrow()
                .session()
                .owner();
    }

    private void recordTwoSessions() {
        pen.record(1);
        pen.record(2);
        ble.advertise(pen);
        Await.until(() -> pen.kept().isEmpty(), WAIT, "the pen's two sessions stored", radio::toString);
    }

    @Test
    void aPenGivenToSomeoneElseAfterStartRecordsForThem() {
        changes.setPenOwner("PEN-1", "kim");
        recordTwoSessions();
        assertEquals("kim", ownerOf(1));
        assertEquals("kim", ownerOf(2));
    }

    @Test
    void aLentPenRecordsItsNextSessionForTheBorrowerThenForItsOwner() {
        changes.lendPen("PEN-1", "kim");
        recordTwoSessions();
        assertEquals("kim", ownerOf(1));
        assertEquals("alex", ownerOf(2));
        assertEquals(Optional.empty(), records.lending("PEN-1"));
    }
}
