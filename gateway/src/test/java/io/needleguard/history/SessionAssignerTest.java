package io.needleguard.history;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionAssignerTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household = new Household(
            List.of(new Owner("alex", ZoneId.of("Europe/Berlin")), new Owner("sam", ZoneId.of("Europe/Berlin"))),
            Map.of("A1", "alex", "A2", "alex", "S1", "sam"),
            ZoneOffset.UTC);
    private final List<String> told = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final SessionRecorder recorder = new SessionRecorder(
            history.history(),
            SafetyCheck.standard(),
            household,
            Clock.fixed(NOW, ZoneOffset.UTC),
            new RecorderListener() {
                @Override
                public void edited(RecordedSession now, RecordedSession before) {
                    told.add("edited " + now.session().id() + " "
                            + before.session().owner() + " -> " + now.session().owner());
                }

                @Override
                public void findingsChanged(RecordedSession session, List<Finding> previous) {
                    told.add("changed " + session.session().id() + " " + rules(previous) + " -> "
                            + rules(session.findings()));
                }
            },
            new LoggingChanges());

    /** The messages the change log is asked to write, inside the unit of work. */
    private final class LoggingChanges implements ChangeLog {
        @Override
        public void recorded(RecordedSession session) {}

        @Override
        public void findingsChanged(RecordedSession session, List<Finding> previous) {
            logged.add("changed " + session.session().id());
        }

        @Override
        public void edited(RecordedSession now, RecordedSession before) {
            logged.add("edited " + now.session().id() + " " + before.session().owner() + " -> "
                    + now.session().owner());
        }

        @Override
        public void deleted(RecordedSession was) {}
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(f -> f.severity() + " " + f.rule()).toList();
    }

    /** Sam used alex's pen on the 5th; alex needled the same area on the 7th, sam on the 6th with sam's own. */
    private final Session lent =
            session("A1", 1, "alex", Instant.parse("2026-01-05T18:00:00Z"), Area.CHEEKS, "0.5", "C1");

    private void recordTheThree() {
        recorder.record(lent);
        recorder.record(session("S1", 1, "sam", Instant.parse("2026-01-06T18:00:00Z"), Area.CHEEKS, "0.5", "C2"));
        recorder.record(session("A2", 1, "alex", Instant.parse("2026-01-07T18:00:00Z"), Area.CHEEKS, "0.5", "C3"));
    }

    @Test
    void aSessionGivenToSomeoneElseIsJudgedAgainForBothPeopleAndKeepsWhatWasMeasured() {
        recordTheThree();
        assertEquals(
                List.of("critical spacing.min-interval", "warning overuse.frequency"),
                rules(history.sessions()
                        .find(new SessionId("A2", 1))
                        .orElseThrow()
                        .findings()),
                "before: alex's session of the 7th is judged against the one recorded for alex on the 5th");
        told.clear();

        SessionRecorder.Assignment done = recorder.assign(lent.id(), "sam");

        RecordedSession stored = history.sessions().find(lent.id()).orElseThrow();
        assertEquals("sam", stored.session().owner());
        // Only the owner changes, and with it the zone kept with the session: its new owner's.
        assertEquals(
                lent.withOwner("sam").inZone(ZoneId.of("Europe/Berlin")), stored.session(), "only the owner changes");
        assertEquals(
                Optional.of(new Reassignment(lent.id(), "alex", NOW)),
                history.assignments().latest(lent.id()));
        assertEquals(
                List.of(),
                rules(history.sessions()
                        .find(new SessionId("A2", 1))
                        .orElseThrow()
                        .findings()));
        assertEquals(
                List.of("critical spacing.min-interval", "warning overuse.frequency"),
                rules(history.sessions()
                        .find(new SessionId("S1", 1))
                        .orElseThrow()
                        .findings()));
        assertEquals(
                List.of(
                        "edited A1:1 alex -> sam",
                        "changed S1:1 [] -> [critical spacing.min-interval, warning overuse.frequency]",
                        "changed A2:1 [critical spacing.min-interval, warning overuse.frequency] -> []"),
                told);
        assertTrue(logged.contains("edited A1:1 alex -> sam"), () -> "written with the change: " + logged);
        assertEquals(2, done.rejudged().size());
        assertEquals("alex", done.before().session().owner());
    }

    @Test
    void givenBackTheLatestChangeSaysWhoseItWasJustBefore() {
        recordTheThree();
        recorder.assign(lent.id(), "sam");
        recorder.assign(lent.id(), "alex");
        assertEquals(
                "sam", history.assignments().latest(lent.id()).orElseThrow().previousOwner());
        assertEquals(
                List.of("critical spacing.min-interval", "warning overuse.frequency"),
                rules(history.sessions()
                        .find(new SessionId("A2", 1))
                        .orElseThrow()
                        .findings()));
    }

    @Test
    void refusalsSayWhatToGiveInsteadAndChangeNothing() {
        recordTheThree();
        RefusedEntry unknownSession =
                assertThrows(RefusedEntry.class, () -> recorder.assign(new SessionId("A1", 9), "sam"));
        assertTrue(unknownSession.getMessage().contains("'needleguard history' lists"), unknownSession::getMessage);
        RefusedEntry unknownPerson = assertThrows(RefusedEntry.class, () -> recorder.assign(lent.id(), "kim"));
        assertTrue(unknownPerson.getMessage().contains("alex, sam"), unknownPerson::getMessage);
        RefusedEntry already = assertThrows(RefusedEntry.class, () -> recorder.assign(lent.id(), "alex"));
        assertTrue(already.getMessage().contains("already alex's"), already::getMessage);
        assertEquals(
                "alex",
                history.sessions().find(lent.id()).orElseThrow().session().owner());
        assertEquals(Map.of(), history.assignments().latestOfEach());
    }
}
