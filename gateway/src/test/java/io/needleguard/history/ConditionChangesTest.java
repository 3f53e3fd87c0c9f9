package io.needleguard.history;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A condition added or ended judges the owner's sessions in its time again, in one unit with what reports them. */
class ConditionChangesTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household =
            new Household(List.of(new Owner("alex", ZoneId.of("Europe/Berlin"))), Map.of("A1", "alex"), ZoneOffset.UTC);
    private final SessionRecorderTest.Events events = new SessionRecorderTest.Events();
    private final List<String> reported = new ArrayList<>();

    ConditionChangesTest() {
        SessionRecorder recorder = new SessionRecorder(
                history.history(),
                SafetyCheck.standard(),
                household,
                Clock.fixed(NOW, ZoneOffset.UTC),
                RecorderListener.NONE);
        recorder.record(session("A1", 1, "alex", Instant.parse("2026-01-05T18:00:00Z"), Area.CHEEKS, "0.5", "C-1"));
        recorder.record(session("A1", 2, "alex", Instant.parse("2026-01-25T18:00:00Z"), Area.CHEEKS, "0.5", "C-2"));
    }

    private ConditionChanges changes(Consumer<RecordedSession> findingsChanged) {
        SessionJudge judge =
                new SessionJudge(history.sessions(), history.conditions(), SafetyCheck.standard(), () -> household);
        ChangeLog changeLog = new ChangeLog() {
            @Override
            public void recorded(RecordedSession session) {}

            @Override
            public void findingsChanged(RecordedSession session, List<Finding> previous) {
                findingsChanged.accept(session);
            }

            @Override
            public void edited(RecordedSession now, RecordedSession before) {}

            @Override
            public void deleted(RecordedSession was) {}
        };
        return new ConditionChanges(
                history.transactions(),
                history.sessions(),
                history.conditions(),
                new Rejudging(history.sessions(), judge, () -> household, changeLog),
                new AfterCommit(events));
    }

    private static ConditionPeriod sunburnFrom(String day) {
        return new ConditionPeriod(0, "alex", Condition.SUNBURN, Instant.parse(day), Optional.empty());
    }

    @Test
    void aConditionAddedLaterJudgesTheSessionsInItsTimeAgainInOneUnitWithWhatReportsThem() {
        ConditionChanges changes =
                changes(s -> reported.add(s.session().id() + " " + SessionRecorderTest.Events.rules(s.findings())));

        SessionRecorder.ConditionChange added = changes.add(sunburnFrom("2026-01-20T00:00:00Z"));

        assertEquals(
                List.of(new SessionId("A1", 2)),
                added.rejudged().stream().map(x -> x.session().id()).toList());
        assertEquals(List.of("A1:2 [critical contraindication.active]"), reported);
        assertEquals(List.of(added.condition()), history.conditions().conditions("alex"));
        assertEquals(List.of("changed A1:2 [] -> [critical contraindication.active]"), events.log);

        SessionRecorder.ConditionChange ended = changes.end(
                        added.condition().id(), Instant.parse("2026-01-22T00:00:00Z"))
                .orElseThrow();
        assertEquals(
                List.of("A1:2 []"),
                ended.rejudged().stream()
                        .map(x -> x.session().id() + " " + SessionRecorderTest.Events.rules(x.findings()))
                        .toList());
        assertTrue(changes.end(999, Instant.parse("2026-01-22T00:00:00Z")).isEmpty());
    }

    @Test
    void whenReportingARejudgedSessionFailsTheConditionIsNotStoredEitherAndNothingIsTold() {
        ConditionChanges changes = changes(s -> {
            throw new IllegalStateException("disk full");
        });
        assertThrows(IllegalStateException.class, () -> changes.add(sunburnFrom("2026-01-20T00:00:00Z")));
        assertEquals(List.of(), history.conditions().allConditions());
        assertEquals(
                List.of(),
                history.sessions().find(new SessionId("A1", 2)).orElseThrow().findings());
        assertEquals(List.of(), events.log);
    }
}
