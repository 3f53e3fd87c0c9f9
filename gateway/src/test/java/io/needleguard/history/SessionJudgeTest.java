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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a session is judged against, and which stored sessions a session can change the findings of. */
class SessionJudgeTest {

    private static final Instant DAY1 = Instant.parse("2026-01-05T19:00:00Z");
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household = new Household(
            List.of(new Owner("alex", ZoneId.of("Europe/Berlin")), new Owner("sam", ZoneId.of("Europe/Berlin"))),
            Map.of("A1", "alex", "A2", "alex", "S1", "sam"),
            ZoneOffset.UTC);
    private final SessionJudge judge =
            new SessionJudge(history.sessions(), history.conditions(), SafetyCheck.standard(), () -> household);

    private static Session on(String pen, long counter, String owner, int day, String cartridge) {
        return session(pen, counter, owner, DAY1.plus(Duration.ofDays(day)), Area.CHEEKS, "0.5", cartridge);
    }

    private void stored(Session... sessions) {
        for (Session s : sessions) {
            history.sessions().add(s, List.of(), DAY1);
        }
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void aSessionIsJudgedAgainstItsOwnersEarlierSessionsFromAnyPenButNotAgainstOtherPeople() {
        stored(on("A1", 1, "alex", 0, "C-1"), on("S1", 1, "sam", 1, "C-2"));

        assertEquals(List.of(), rules(judge.judge(on("S1", 2, "sam", 30, "C-3"))), "sam's own spacing is fine");
        assertEquals(
                List.of("spacing.min-interval", "overuse.frequency"),
                rules(judge.judge(on("A2", 1, "alex", 2, "C-4"))),
                "two days after alex's session on the other pen");
    }

    @Test
    void aSessionCanChangeItsOwnersLaterSessionsWithinTheLookBackOnly() {
        Session late = on("A1", 1, "alex", 0, "C-1");
        Session before = on("A2", 1, "alex", -3, "C-2");
        Session inside = on("A2", 2, "alex", 35, "C-3"); // within the 43-day look-back
        Session beyond = on("A2", 3, "alex", 65, "C-4");
        Session someoneElse = on("S1", 1, "sam", 5, "C-5");
        stored(before, inside, beyond, someoneElse);

        assertEquals(List.of(inside.id()), ids(judge.affectedBy(late)));
    }

    @Test
    void aSessionCanChangeAnyonesLaterSessionWithTheSameCartridgeHoweverLate() {
        Session first = on("A1", 1, "alex", 0, "SHARED");
        Session samMuchLater = on("S1", 1, "sam", 200, "SHARED");
        Session samEarlier = on("S1", 2, "sam", -10, "SHARED");
        stored(samMuchLater, samEarlier, on("S1", 3, "sam", 3, "OTHER"));

        assertEquals(List.of(samMuchLater.id()), ids(judge.affectedBy(first)));
    }

    private static List<SessionId> ids(List<RecordedSession> sessions) {
        return sessions.stream().map(r -> r.session().id()).toList();
    }
}
