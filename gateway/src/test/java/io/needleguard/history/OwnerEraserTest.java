package io.needleguard.history;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A person erased: the other people's sessions that counted their cartridge use are judged again without
 * them, in one unit with the erasure and the withdrawal. (The SQLite erasure itself: store.PersonErasureTest.)
 */
class OwnerEraserTest {

    private static final Instant DAY1 = Instant.parse("2026-03-01T19:00:00Z");
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household = new Household(
            List.of(new Owner("alex", ZoneOffset.UTC), new Owner("sam", ZoneOffset.UTC)),
            Map.of("PEN-A", "alex", "PEN-S", "sam"),
            ZoneOffset.UTC);
    private final SessionRecorderTest.Events events = new SessionRecorderTest.Events();
    private final SessionRecorder recorder = new SessionRecorder(
            history.history(),
            SafetyCheck.standard(),
            household,
            Clock.fixed(DAY1.plus(Duration.ofDays(30)), ZoneOffset.UTC),
            events);
    private final Session samShared =
            session("PEN-S", 1, "sam", DAY1.plus(Duration.ofDays(5)), Area.CHEEKS, "0.5", "SHARED-77");

    OwnerEraserTest() {
        recorder.record(session("PEN-A", 1, "alex", DAY1, Area.CHEEKS, "0.5", "SHARED-77"));
        recorder.record(samShared);
        events.log.clear();
    }

    /** Deletes the person's sessions, as the SQLite erasure does; no conditions or area choices here. */
    private final PersonErasure erasure = new PersonErasure() {
        @Override
        public Erased erase(String owner, Set<String> pens) {
            List<RecordedSession> theirs =
                    history.sessions().list(HistoryQuery.all().withOwner(owner));
            theirs.forEach(r -> history.sessions().delete(r.session().id(), DAY1));
            return new Erased(theirs.size(), 0, 0, 0);
        }

        @Override
        public void scrub() {}
    };

    private List<String> samsRules() {
        return SessionRecorderTest.Events.rules(
                history.sessions().find(samShared.id()).orElseThrow().findings());
    }

    @Test
    void theSessionsOfOthersThatCountedTheirCartridgeAreJudgedAgainWithoutThem() {
        assertTrue(samsRules().contains("critical cartridge.reuse"), samsRules()::toString);
        boolean[] withdrawn = {false};

        SessionRecorder.Erasure erased =
                recorder.eraseOwner("alex", Set.of("PEN-A"), erasure, () -> withdrawn[0] = true);

        assertEquals(1, erased.erased().sessions());
        assertEquals(
                List.of(samShared.id()),
                erased.rejudged().stream().map(r -> r.session().id()).toList());
        assertEquals(List.of(), samsRules());
        assertTrue(withdrawn[0]);
        assertEquals(List.of("changed PEN-S:1 [critical cartridge.reuse] -> []"), events.log);
    }

    @Test
    void whenTheWithdrawalCannotBeWrittenNothingIsErasedOrTold() {
        assertThrows(
                IllegalStateException.class,
                () -> recorder.eraseOwner("alex", Set.of("PEN-A"), erasure, () -> {
                    throw new IllegalStateException("disk full");
                }));
        assertTrue(history.sessions().find(new SessionId("PEN-A", 1)).isPresent());
        assertTrue(samsRules().contains("critical cartridge.reuse"));
        assertEquals(List.of(), events.log);
    }
}
