package io.needleguard.history;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions judged again: only the findings that changed are stored and reported, each in its owner's timeline. */
class RejudgingTest {

    private static final Instant DAY1 = Instant.parse("2026-01-05T19:00:00Z");
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household = new Household(
            List.of(new Owner("alex", ZoneOffset.UTC), new Owner("sam", ZoneOffset.UTC)),
            Map.of("A1", "alex", "S1", "sam"),
            ZoneOffset.UTC);
    private final List<String> reported = new ArrayList<>();
    private final List<SessionId> written = new ArrayList<>();
    private final SessionHistory counting = new ForwardingSessions(history.sessions()) {
        @Override
        public void replaceFindings(SessionId id, List<Finding> findings) {
            written.add(id);
            super.replaceFindings(id, findings);
        }
    };
    private final SessionJudge judge =
            new SessionJudge(counting, history.conditions(), SafetyCheck.standard(), () -> household);
    private final Rejudging rejudging = new Rejudging(counting, judge, () -> household, new ChangeLog() {
        @Override
        public void recorded(RecordedSession session) {}

        @Override
        public void findingsChanged(RecordedSession session, List<Finding> previous) {
            reported.add(session.session().id() + " " + rules(previous) + " -> " + rules(session.findings()));
        }

        @Override
        public void edited(RecordedSession now, RecordedSession before) {}

        @Override
        public void deleted(RecordedSession was) {}
    });

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    private RecordedSession stored(String pen, long counter, String owner, int day) {
        Session s =
                session(pen, counter, owner, DAY1.plus(Duration.ofDays(day)), Area.CHEEKS, "0.5", pen + "-" + counter);
        history.sessions().add(s, List.of(), DAY1);
        return history.sessions().find(s.id()).orElseThrow();
    }

    @Test
    void onlyTheSessionsWhoseFindingsChangedAreStoredAndReportedWithWhatTheyHad() {
        RecordedSession first = stored("A1", 1, "alex", 0);
        RecordedSession tooSoon = stored("A1", 2, "alex", 2);
        RecordedSession spaced = stored("A1", 3, "alex", 30);

        List<Rejudged> changed = rejudging.rejudge(List.of(first, tooSoon, spaced));

        assertEquals(
                List.of(tooSoon.session().id()),
                changed.stream().map(r -> r.now().session().id()).toList());
        assertEquals(List.of(), changed.get(0).before());
        assertEquals(List.of("A1:2 [] -> [spacing.min-interval, overuse.frequency]"), reported);
        assertEquals(List.of(tooSoon.session().id()), written, "a session whose findings stay is not written");
        assertEquals(
                List.of("spacing.min-interval", "overuse.frequency"),
                rules(history.sessions()
                        .find(tooSoon.session().id())
                        .orElseThrow()
                        .findings()));
    }

    @Test
    void eachOwnersSessionsAreJudgedInTheirOwnTimeline() {
        RecordedSession alex = stored("A1", 1, "alex", 0);
        RecordedSession sam = stored("S1", 1, "sam", 1);
        RecordedSession alexAgain = stored("A1", 2, "alex", 2);
        RecordedSession samAgain = stored("S1", 2, "sam", 20);

        rejudging.rejudge(List.of(alex, sam, alexAgain, samAgain));

        assertEquals(List.of("A1:2 [] -> [spacing.min-interval, overuse.frequency]"), reported);
    }
}
