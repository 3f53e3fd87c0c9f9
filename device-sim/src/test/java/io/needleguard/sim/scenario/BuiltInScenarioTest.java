package io.needleguard.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.rules.Finding;
import io.needleguard.rules.HomeDepthLimit;
import io.needleguard.rules.MinimumSpacing;
import io.needleguard.rules.Owner;
import io.needleguard.rules.RuleContext;
import io.needleguard.rules.RuleSettings;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.rules.Severity;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BuiltInScenarioTest {

    private final Scenario demo = Scenarios.builtIn();

    @Test
    void fourWeeksOfThreePensAndTwoPeople() {
        assertEquals("four weeks at home", demo.name());
        assertEquals(OffsetDateTime.parse("2026-01-05T19:00:00+01:00"), demo.start());
        assertEquals(List.of("alex", "sam"), demo.owners().stream().map(ScenarioOwner::id).toList());
        assertTrue(demo.owners().stream().allMatch(o -> o.zone().equals(ZoneId.of("Europe/Berlin"))));
        assertEquals(List.of("alex", "alex", "sam"), demo.pens().stream().map(ScenarioPen::owner).toList());
        assertEquals(3, demo.pens().size());

        Duration span = Duration.between(demo.start().toInstant(), demo.end());
        assertTrue(span.compareTo(Duration.ofDays(26)) > 0 && span.compareTo(Duration.ofDays(29)) < 0, "spans " + span);
        assertTrue(demo.sessions().size() >= 25 && demo.sessions().size() <= 35, demo.sessions().size() + " sessions");
        assertTrue(demo.sessions().stream().anyMatch(ScenarioSession::offline));
        assertEquals(demo, Scenarios.builtIn(Scenarios.FOUR_WEEKS_AT_HOME));
    }

    @Test
    void alexsOfflineNoseSessionReachesTheGatewayOnlyAfterHerOtherPenNeedledTheNose() {
        ScenarioSession offline = demo.sessions().get(12);
        ScenarioSession otherPen = demo.sessions().get(13);
        assertTrue(offline.offline());
        assertEquals(List.of("SIM-0001", "SIM-0002", "nose", "nose"),
                List.of(offline.pen(), otherPen.pen(), offline.area().id(), otherPen.area().id()));
        assertEquals(demo.ownerOf(offline), demo.ownerOf(otherPen));
        assertTrue(demo.gatewayLearnsAt(offline).isAfter(otherPen.end()));
        assertEquals(demo.sessions().get(15).start(), demo.gatewayLearnsAt(offline));
    }

    /**
     * The two rules that exist today flag exactly the sessions src/docs/scenarios.md says they
     * should, judged with every session known (the state after the last sync).
     */
    @Test
    void todaysRulesFlagWhatTheDocumentationPromises() {
        Map<Integer, List<String>> flagged = new TreeMap<>();
        judgeAll().forEach((index, findings) -> findings.stream()
                .map(f -> f.rule() + " " + f.severity())
                .forEach(finding -> flagged.computeIfAbsent(index, i -> new ArrayList<>()).add(finding)));

        assertEquals(Map.of(
                8, List.of(MinimumSpacing.ID + " " + Severity.CRITICAL),
                13, List.of(MinimumSpacing.ID + " " + Severity.CRITICAL),
                18, List.of(HomeDepthLimit.ID + " " + Severity.WARNING),
                24, List.of(HomeDepthLimit.ID + " " + Severity.CRITICAL)), flagged);
    }

    @Test
    void anUnknownBuiltInNameSaysWhichExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenarios.builtIn("five-weeks"));
        assertEquals("no built-in scenario 'five-weeks'; built in: four-weeks-at-home", e.getMessage());
    }

    /** Every session's findings by file index, each judged against the sessions before it in time. */
    private Map<Integer, List<Finding>> judgeAll() {
        SafetyCheck check = SafetyCheck.standard();
        Map<String, Long> counters = new HashMap<>();
        List<Session> earlier = new ArrayList<>();
        Map<Integer, List<Finding>> findings = new TreeMap<>();
        for (ScenarioSession s : demo.sessionsInTimeOrder()) {
            ScenarioOwner owner = demo.ownerOf(s);
            Session session = new Session(new SessionId(s.pen(), counters.merge(s.pen(), 1L, Long::sum)), owner.id(),
                    s.area(), s.depth(), s.strokeHz(), s.start(), s.end(), s.cartridge());
            List<Session> ownerEarlier = earlier.stream().filter(e -> e.owner().equals(owner.id())).toList();
            List<Session> cartridgeEarlier = earlier.stream().filter(e -> e.cartridge().equals(s.cartridge())).toList();
            findings.put(s.index(), check.check(new RuleContext(session, new Owner(owner.id(), owner.zone()),
                    RuleSettings.defaults(), ownerEarlier, cartridgeEarlier)));
            earlier.add(session);
        }
        return findings;
    }
}
