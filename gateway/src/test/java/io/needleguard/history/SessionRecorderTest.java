package io.needleguard.history;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionRecorderTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household = new Household(
            List.of(new Owner("alex", ZoneId.of("Europe/Berlin")), new Owner("sam", ZoneId.of("Europe/Berlin"))),
            Map.of("A1", "alex", "A2", "alex", "S1", "sam"),
            ZoneOffset.UTC);
    private final Events events = new Events();
    private final SessionRecorder recorder =
            new SessionRecorder(history.history(), SafetyCheck.standard(), household, clock, events);

    /** What the recorder told its listener, in order. */
    static final class Events implements RecorderListener {
        final List<String> log = new ArrayList<>();

        @Override
        public void recorded(RecordedSession session) {
            log.add("recorded " + session.session().id() + " " + rules(session.findings()));
        }

        @Override
        public void duplicate(SessionId id) {
            log.add("duplicate " + id);
        }

        @Override
        public void findingsChanged(RecordedSession session, List<Finding> previous) {
            log.add("changed " + session.session().id() + " " + rules(previous) + " -> " + rules(session.findings()));
        }

        static List<String> rules(List<Finding> findings) {
            return findings.stream().map(f -> f.severity() + " " + f.rule()).toList();
        }
    }

    private static Session alex(String pen, long counter, String start, Area area, String depth) {
        return session(pen, counter, "alex", Instant.parse(start), area, depth, "C-" + pen + counter);
    }

    @Test
    void storesAJudgedSessionWithTheGatewayTime() {
        Session deep = alex("A1", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.75");
        assertEquals(SessionRecorder.Outcome.RECORDED, recorder.record(deep));

        RecordedSession stored = history.sessions().find(deep.id()).orElseThrow();
        assertEquals(NOW, stored.recordedAt());
        assertEquals(List.of("warning depth.area-limit", "warning depth.home-limit"), Events.rules(stored.findings()));
        assertEquals(List.of("recorded A1:1 [warning depth.area-limit, warning depth.home-limit]"), events.log);
    }

    @Test
    void aSessionSeenAgainIsNotStoredOrJudgedAgain() {
        Session s = alex("A1", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5");
        recorder.record(s);
        assertEquals(SessionRecorder.Outcome.DUPLICATE, recorder.record(s));
        assertEquals(List.of("recorded A1:1 []", "duplicate A1:1"), events.log);
        assertEquals(1, history.sessions().list(HistoryQuery.all()).size());
    }

    @Test
    void rulesApplyPerPersonAcrossTheirPensButNotAcrossPeople() {
        recorder.record(alex("A1", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5"));
        recorder.record(session("S1", 1, "sam", Instant.parse("2026-01-06T18:00:00Z"), Area.CHEEKS, "0.5", "C-S1"));
        recorder.record(alex("A2", 1, "2026-01-07T18:00:00Z", Area.CHEEKS, "0.5"));
        assertEquals(
                List.of(
                        "recorded A1:1 []",
                        "recorded S1:1 []",
                        "recorded A2:1 [critical spacing.min-interval, warning overuse.frequency]"),
                events.log);
    }

    @Test
    void aLateSessionIsPlacedInTheTimelineAndTheSessionsAfterItAreReJudged() {
        recorder.record(alex("A2", 1, "2026-01-14T19:00:00Z", Area.NOSE, "0.25"));
        recorder.record(alex("A2", 2, "2026-01-20T19:00:00Z", Area.NOSE, "0.25"));
        // Synced late from the other pen's memory: a day before the first.
        recorder.record(alex("A1", 7, "2026-01-13T19:00:00Z", Area.NOSE, "0.25"));

        assertEquals(
                List.of(
                        "recorded A2:1 []",
                        "recorded A2:2 []",
                        "recorded A1:7 []",
                        "changed A2:1 [] -> [critical spacing.min-interval]"),
                events.log);
        assertEquals(
                List.of("critical spacing.min-interval"),
                Events.rules(history.sessions()
                        .find(new SessionId("A2", 1))
                        .orElseThrow()
                        .findings()));
    }

    /**
     * A late session is judged into the sessions after it as far as the rules look back, and no further:
     * a session beyond that cannot see it, so its findings are neither read nor written again (a marker
     * planted in one stays), while each session inside is judged again to exactly what recording all of
     * them in timeline order gives.
     */
    @Test
    void aLateSessionReJudgesTheSessionsWithinTheLookBackAndNoFurther() {
        Instant first = Instant.parse("2026-01-10T19:00:00Z");
        List<Session> onTime = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            onTime.add(alex("A1", i + 1, first.plus(Duration.ofDays(10L * i)).toString(), Area.CHEEKS, "0.5"));
        }
        onTime.forEach(recorder::record);
        Session late = alex("A2", 1, "2026-01-05T19:00:00Z", Area.CHEEKS, "0.5");
        Session inside = onTime.get(3); // 35 days after the late one: within the 43-day look-back
        Session beyond = onTime.get(6); // 65 days after it
        Finding marker = new Finding("test.marker", Severity.INFO, "planted by the test", "test", null);
        history.sessions().replaceFindings(inside.id(), List.of(marker));
        history.sessions().replaceFindings(beyond.id(), List.of(marker));

        recorder.record(late);

        InMemoryHistory inOrder = new InMemoryHistory();
        SessionRecorder reference =
                new SessionRecorder(inOrder.history(), SafetyCheck.standard(), household, clock, new Events());
        List<Session> all = new ArrayList<>(onTime);
        all.add(0, late);
        all.forEach(reference::record);
        for (Session s : all) {
            List<Finding> stored = history.sessions().find(s.id()).orElseThrow().findings();
            if (s.equals(beyond)) {
                assertEquals(List.of(marker), stored, "beyond the look-back: untouched");
            } else {
                assertEquals(
                        inOrder.sessions().find(s.id()).orElseThrow().findings(), stored, s.id() + " judged again");
            }
        }
        assertTrue(
                events.log.contains("changed A1:1 [] -> [critical spacing.min-interval, warning overuse.frequency]"),
                events.log::toString);
    }

    @Test
    void findingsDoNotDependOnArrivalOrder() {
        List<Session> sessions = List.of(
                alex("A1", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5"),
                alex("A2", 1, "2026-01-08T18:00:00Z", Area.CHEEKS, "0.25"),
                alex("A1", 2, "2026-01-10T18:00:00Z", Area.CHEEKS, "1.2"),
                alex("A2", 2, "2026-01-30T18:00:00Z", Area.CHEEKS, "0.25"));
        List<String> inOrder = judged(sessions);
        List<String> reversed = judged(List.of(sessions.get(3), sessions.get(1), sessions.get(2), sessions.get(0)));
        assertEquals(inOrder, reversed);
        assertTrue(inOrder.get(3).contains("spacing.min-interval"), inOrder.toString());
    }

    private static List<String> judged(List<Session> arrivals) {
        InMemoryHistory h = new InMemoryHistory();
        Household people = Household.single(ZoneId.of("Europe/Berlin"));
        SessionRecorder r = new SessionRecorder(
                h.history(), SafetyCheck.standard(), people, Clock.fixed(NOW, ZoneOffset.UTC), RecorderListener.NONE);
        arrivals.forEach(r::record);
        return h.sessions().list(HistoryQuery.all()).stream()
                .map(s -> s.session().id() + " " + Events.rules(s.findings()))
                .toList();
    }

    @Test
    void aFailingListenerDoesNotUndoOrStopRecording() {
        RecorderListener broken = new RecorderListener() {
            @Override
            public void recorded(RecordedSession session) {
                throw new IllegalStateException("console closed");
            }
        };
        SessionRecorder r = new SessionRecorder(history.history(), SafetyCheck.standard(), household, clock, broken);
        assertEquals(
                SessionRecorder.Outcome.RECORDED, r.record(alex("A1", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5")));
        assertEquals(
                SessionRecorder.Outcome.RECORDED, r.record(alex("A1", 2, "2026-01-25T18:00:00Z", Area.CHEEKS, "0.5")));
        assertEquals(2, history.sessions().list(HistoryQuery.all()).size());
    }

    @Test
    void whenTheHistoryCannotStoreNothingIsReportedAndTheErrorReachesTheCaller() {
        InMemoryHistory memory = new InMemoryHistory();
        SessionRecorder r = new SessionRecorder(
                memory.history(new FailingSessions(memory.sessions())),
                SafetyCheck.standard(),
                household,
                clock,
                events);
        assertThrows(
                IllegalStateException.class, () -> r.record(alex("A1", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5")));
        assertEquals(List.of(), events.log);
    }

    /** Sessions on a disk that is full: every write fails. */
    private static final class FailingSessions extends ForwardingSessions {
        FailingSessions(SessionHistory inner) {
            super(inner);
        }

        @Override
        public boolean add(Session session, List<Finding> findings, Instant recordedAt) {
            throw new IllegalStateException("disk full");
        }
    }

    @Test
    void theChangeLogWritesInsideTheTransactionAndItsFailureUndoesTheSession() {
        List<String> logged = new ArrayList<>();
        ChangeLog failing = new ChangeLog() {
            @Override
            public void recorded(RecordedSession session) {
                logged.add("recorded " + session.session().id());
                throw new IllegalStateException("disk full");
            }

            @Override
            public void findingsChanged(RecordedSession session, List<Finding> previous) {}

            @Override
            public void edited(RecordedSession now, RecordedSession before) {}

            @Override
            public void deleted(RecordedSession was) {}
        };
        SessionRecorder r =
                new SessionRecorder(history.history(), SafetyCheck.standard(), household, clock, events, failing);
        Session s = alex("A1", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5");
        assertThrows(IllegalStateException.class, () -> r.record(s));
        assertEquals(List.of("recorded A1:1"), logged);
        assertTrue(history.sessions().find(s.id()).isEmpty(), "not stored: the pen keeps it and sends it again");
        assertEquals(List.of(), events.log, "listeners hear nothing that was not stored");
    }
}
