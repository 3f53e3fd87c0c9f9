package io.needleguard.sim.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.rules.Finding;
import io.needleguard.session.SessionId;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioSession;
import io.needleguard.sim.scenario.Scenarios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private final Scenario scenario = Scenarios.builtIn();

    @Test
    void everySessionOfTheScenarioIsRecordedExactlyOnceWithThePensTimesAndSettings() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        List<SessionId> recorded = Collections.synchronizedList(new ArrayList<>());
        GatewayListener listener = new GatewayListener() {
            @Override
            public void recorded(RecordedSession session) {
                recorded.add(session.session().id());
            }
        };
        try (Simulation simulation = new Simulation(scenario, history.history(), List.of(listener))) {
            simulation.run();

            List<RecordedSession> stored = history.sessions().list(HistoryQuery.all());
            assertEquals(scenario.sessions().size(), stored.size());
            assertEquals(stored.size(), Set.copyOf(recorded).size(), "each session reported once");
            assertEquals(stored.size(), recorded.size(), "no session recorded twice");
            List<ScenarioSession> expected = scenario.sessionsInTimeOrder();
            for (int i = 0; i < expected.size(); i++) {
                ScenarioSession want = expected.get(i);
                RecordedSession got = stored.get(i);
                assertEquals(Optional.of(want.pen()), got.session().pen());
                assertEquals(want.start(), got.session().start());
                assertEquals(Optional.of(want.end()), got.session().end());
                assertEquals(want.area(), got.session().area());
                assertEquals(want.depth(), got.session().depth());
                assertEquals(OptionalInt.of(want.strokeHz()), got.session().strokeHz());
                assertEquals(want.cartridge(), got.session().cartridge());
                assertEquals(scenario.ownerOf(want).id(), got.session().owner());
            }
            for (SimulatedPen pen : simulation.player().pens().values()) {
                assertEquals(0, pen.storedRecords(), pen.serial() + " still holds sessions the history has");
            }
        }
    }

    @Test
    void offlineSessionsArriveWhenThePenIsBackAndAreStoredOnce() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        try (Simulation simulation = new Simulation(scenario, history.history(), List.of())) {
            simulation.run();
        }
        List<ScenarioSession> offline =
                scenario.sessions().stream().filter(ScenarioSession::offline).toList();
        assertTrue(offline.size() >= 2);
        for (ScenarioSession s : offline) {
            RecordedSession stored = history.sessions().list(HistoryQuery.all().withPen(s.pen())).stream()
                    .filter(r -> r.session().start().equals(s.start()))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    !stored.recordedAt().isBefore(scenario.gatewayLearnsAt(s)),
                    "learned at " + stored.recordedAt() + ", no earlier than " + scenario.gatewayLearnsAt(s));
        }
    }

    @Test
    void theSameScenarioGivesTheSameFindingsEveryTime() throws Exception {
        assertEquals(findings(), findings());
    }

    private List<String> findings() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        try (Simulation simulation = new Simulation(scenario, history.history(), List.of())) {
            simulation.run();
        }
        return history.sessions().list(HistoryQuery.all()).stream()
                .map(r -> r.session().id() + " "
                        + r.findings().stream().map(Finding::rule).collect(Collectors.joining(",")))
                .toList();
    }
}
