package io.needleguard.sim.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioSession;
import io.needleguard.sim.scenario.Scenarios;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The demo scenario, replayed through the gateway, flags exactly what src/docs/scenarios.md says each
 * session is meant to trigger: no more (a careful session that cries wolf) and no less.
 */
class BuiltInScenarioFindingsTest {

    @Test
    void eachSessionGetsTheFindingsTheDocumentationPromises() throws Exception {
        Scenario demo = Scenarios.builtIn();
        InMemoryHistory history = new InMemoryHistory();
        try (Simulation simulation = new Simulation(demo, history.history(), List.of())) {
            simulation.run();
        }
        Map<Integer, List<String>> flagged = new TreeMap<>();
        for (RecordedSession r : history.sessions().list(HistoryQuery.all())) {
            ScenarioSession s = demo.sessions().stream()
                    .filter(x -> r.session().pen().equals(Optional.of(x.pen()))
                            && x.start().equals(r.session().start()))
                    .findFirst()
                    .orElseThrow();
            if (!r.findings().isEmpty()) {
                flagged.put(
                        s.index(),
                        r.findings().stream()
                                .map(f -> f.rule() + " " + f.severity())
                                .sorted()
                                .toList());
            }
        }
        Map<Integer, List<String>> promised = new TreeMap<>(Map.ofEntries(
                Map.entry(8, List.of("overuse.frequency warning", "spacing.min-interval critical")),
                Map.entry(10, List.of("area.not-for-needling critical")),
                Map.entry(11, List.of("cartridge.reuse critical")),
                Map.entry(13, List.of("spacing.min-interval critical")),
                Map.entry(14, List.of("overuse.session-duration warning")),
                Map.entry(17, List.of("speed.out-of-range info")),
                Map.entry(18, List.of("depth.area-limit warning", "depth.home-limit warning")),
                Map.entry(24, List.of("depth.area-limit warning", "depth.home-limit critical")),
                Map.entry(26, List.of("contraindication.active critical")),
                Map.entry(27, List.of("overuse.frequency warning")),
                Map.entry(31, List.of("overuse.session-duration warning"))));
        assertEquals(promised, flagged);
    }
}
