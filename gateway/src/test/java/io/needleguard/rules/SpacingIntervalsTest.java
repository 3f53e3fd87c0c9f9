package io.needleguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.history.Sessions;
import io.needleguard.household.Household;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The dashboard's spacing chart: the days before each session against its minimum, as the rule counts them. */
class SpacingIntervalsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-03-01T18:00:00Z"); // spans the change to summer time

    private static Session at(long counter, String start, Area area, String depthMm) {
        return Sessions.session("P", counter, "me", Instant.parse(start), area, depthMm, "C-" + counter);
    }

    @Test
    void theEarlierSessionThatSetsTheLatestDayIsTheOneShown() {
        List<Session> timeline = List.of(
                at(1, "2026-01-01T19:00:00Z", Area.CHEEKS, "1.5"),
                at(2, "2026-01-20T19:00:00Z", Area.CHEEKS, "0.25"),
                at(3, "2026-01-24T19:00:00Z", Area.CHEEKS, "0.25"),
                at(4, "2026-01-24T19:05:00Z", Area.FOREHEAD, "0.25"));
        List<SpacingIntervals.Interval> intervals = SpacingIntervals.of(timeline, RuleSettings.defaults(), BERLIN);

        assertEquals(Optional.empty(), intervals.get(0).earlier());
        assertEquals(42, intervals.get(0).minimumDays(), "its own depth's, with nothing before it");
        // 19 days after a 1.5 mm session, which asks for 42: too soon, though 3 days would do at 0.25.
        assertEquals(Optional.of(timeline.get(0)), intervals.get(1).earlier());
        assertEquals(OptionalLong.of(19), intervals.get(1).days());
        assertEquals(42, intervals.get(1).minimumDays());
        assertTrue(intervals.get(1).tooSoon());
        // The 1.5 mm session still sets the latest day (Feb 12), not the 0.25 mm one 4 days before.
        assertEquals(Optional.of(timeline.get(0)), intervals.get(2).earlier());
        assertEquals(OptionalLong.of(23), intervals.get(2).days());
        assertEquals(Optional.empty(), intervals.get(3).earlier(), "another area");
        assertEquals(3, intervals.get(3).minimumDays());
    }

    @Test
    void aPauseContinuesTheTreatment() {
        List<Session> timeline = List.of(
                at(1, "2026-01-01T19:00:00Z", Area.NECK, "0.25"),
                at(2, "2026-01-10T19:00:00Z", Area.NECK, "0.25"),
                at(3, "2026-01-10T19:20:00Z", Area.NECK, "0.25"));
        List<SpacingIntervals.Interval> intervals = SpacingIntervals.of(timeline, RuleSettings.defaults(), BERLIN);
        assertEquals(Optional.of(timeline.get(0)), intervals.get(2).earlier(), "not the part before the pause");
        assertEquals(OptionalLong.of(9), intervals.get(2).days());
    }

    /** A planned session: which area and depth, how long after the start, how long. */
    record Plan(Area area, String depth, int minutesAfterStart, int minutes) {}

    @Provide
    Arbitrary<List<Plan>> plans() {
        return Combinators.combine(
                        Arbitraries.of(Area.CHEEKS, Area.FOREHEAD, Area.UNSPECIFIED),
                        Arbitraries.of("0.25", "0.5", "1.0", "1.5"),
                        Arbitraries.integers().between(0, 60 * 24 * 60),
                        Arbitraries.integers().between(1, 25))
                .as(Plan::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(14);
    }

    @Property(tries = 300)
    void tooSoonIsExactlyWhatTheRuleFlags(@ForAll("plans") List<Plan> plans) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            Instant start = START.plus(Duration.ofMinutes(p.minutesAfterStart()));
            sessions.add(new Session(
                    new SessionId("P", i + 1),
                    "me",
                    p.area(),
                    Depth.ofMm(p.depth()),
                    120,
                    start,
                    start.plus(Duration.ofMinutes(p.minutes())),
                    "C-" + (i + 1)));
        }
        InMemoryHistory history = new InMemoryHistory();
        SessionRecorder recorder = new SessionRecorder(
                history.history(),
                SafetyCheck.standard(),
                Household.single(BERLIN),
                Clock.fixed(START, ZoneOffset.UTC),
                RecorderListener.NONE);
        sessions.forEach(recorder::record);
        List<RecordedSession> recorded = history.sessions().list(HistoryQuery.all());
        Map<SessionId, Boolean> flagged = recorded.stream()
                .collect(Collectors.toMap(
                        r -> r.session().id(),
                        r -> r.findings().stream().anyMatch(f -> f.rule().equals(MinimumSpacing.ID))));
        Map<SessionId, SpacingIntervals.Interval> intervals =
                SpacingIntervals.of(
                                recorded.stream().map(RecordedSession::session).toList(),
                                RuleSettings.defaults(),
                                BERLIN)
                        .stream()
                        .collect(Collectors.toMap(i -> i.session().id(), Function.identity()));
        flagged.forEach((id, finding) ->
                assertEquals(finding, intervals.get(id).tooSoon(), () -> id + ": " + intervals.get(id)));
    }
}
