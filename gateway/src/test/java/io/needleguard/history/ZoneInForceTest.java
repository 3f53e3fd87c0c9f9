package io.needleguard.history;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.NextSafe;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A person whose time zone changes: each session keeps the zone it was recorded in, its calendar day
 * stays the day it had where it happened, and judging it again after the change gives what it had.
 */
class ZoneInForceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-09T12:00:00Z"), ZoneOffset.UTC);
    private final InMemoryHistory history = new InMemoryHistory();
    private final SessionRecorderTest.Events events = new SessionRecorderTest.Events();

    private SessionRecorder recorderIn(ZoneId zone) {
        Household household = new Household(List.of(new Owner("alex", zone)), Map.of("A1", "alex"), zone);
        return new SessionRecorder(history.history(), SafetyCheck.standard(), household, CLOCK, events);
    }

    private static Session cheeks(long counter, String start) {
        return session("A1", counter, "alex", Instant.parse(start), Area.CHEEKS, "0.25", "C-" + counter);
    }

    private List<Finding> findingsOf(Session s) {
        return history.sessions().find(s.id()).orElseThrow().findings();
    }

    @Test
    void aSessionJudgedAgainAfterTheZoneChangedKeepsTheVerdictItHadWhereItHappened() {
        // Mon 5 Jan 23:30 in Berlin, then Thu 8 Jan 00:30 in Berlin (Wed 7 Jan 18:30 in New York): three
        // calendar days where they happened, the 0.25 mm interval; two days on New York's calendar.
        Session monday = cheeks(1, "2026-01-05T22:30:00Z");
        Session afterMidnight = cheeks(2, "2026-01-07T23:30:00Z");
        SessionRecorder inBerlin = recorderIn(BERLIN);
        inBerlin.record(monday);
        inBerlin.record(afterMidnight);
        assertEquals(List.of(), findingsOf(afterMidnight), "three calendar days in Berlin");
        assertEquals(
                Optional.of(BERLIN),
                history.sessions()
                        .find(afterMidnight.id())
                        .orElseThrow()
                        .session()
                        .zone());

        // Alex moves to New York; a session synced late from before both has them judged again.
        events.log.clear();
        SessionRecorder inNewYork = recorderIn(NEW_YORK);
        Session late = session("A1", 3, "alex", Instant.parse("2026-01-02T12:00:00Z"), Area.FOREHEAD, "0.25", "C-3");
        inNewYork.record(late);

        assertEquals(List.of("recorded A1:3 []"), events.log, "nothing judged again changed");
        assertEquals(List.of(), findingsOf(afterMidnight), "still on its Thursday");
        assertEquals(
                Optional.of(NEW_YORK),
                history.sessions().find(late.id()).orElseThrow().session().zone());
    }

    @Test
    void statusCountsNowAndTheNextSafeDayInThePersonsCurrentZone() {
        SessionRecorder inBerlin = recorderIn(BERLIN);
        inBerlin.record(cheeks(1, "2026-01-05T22:30:00Z"));
        inBerlin.record(cheeks(2, "2026-01-07T23:30:00Z"));

        // Two sessions (Mon 5 and Thu 8 Jan where they happened) allow no third in any 7 days until Mon 12
        // Jan, which begins at midnight in New York, where Alex is now.
        Owner inNewYork = new Owner("alex", NEW_YORK);
        SafetyStatus status = new SafetyStatus(history.sessions(), history.conditions(), SafetyCheck.standard());
        NextSafe next = status.forOwner(inNewYork, CLOCK.instant()).stream()
                .filter(a -> a.area() == Area.CHEEKS)
                .findFirst()
                .orElseThrow()
                .nextSafe()
                .orElseThrow();
        assertEquals(Optional.of(Instant.parse("2026-01-12T05:00:00Z")), next.at());
    }
}
