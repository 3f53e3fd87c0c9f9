package io.needleguard.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInScenarioTest {

    private final Scenario demo = Scenarios.builtIn();

    @Test
    void fourWeeksOfThreePensAndTwoPeople() {
        assertEquals("four weeks at home", demo.name());
        assertEquals(OffsetDateTime.parse("2026-01-05T19:00:00+01:00"), demo.start());
        assertEquals(
                List.of("alex", "sam"),
                demo.owners().stream().map(ScenarioOwner::id).toList());
        assertTrue(demo.owners().stream().allMatch(o -> o.zone().equals(ZoneId.of("Europe/Berlin"))));
        assertEquals(
                List.of("alex", "alex", "sam"),
                demo.pens().stream().map(ScenarioPen::owner).toList());
        assertEquals(3, demo.pens().size());

        Duration span = Duration.between(demo.start().toInstant(), demo.end());
        assertTrue(span.compareTo(Duration.ofDays(26)) > 0 && span.compareTo(Duration.ofDays(29)) < 0, "spans " + span);
        assertTrue(
                demo.sessions().size() >= 25 && demo.sessions().size() <= 35,
                demo.sessions().size() + " sessions");
        assertTrue(demo.sessions().stream().anyMatch(ScenarioSession::offline));
        assertEquals(demo, Scenarios.builtIn(Scenarios.FOUR_WEEKS_AT_HOME));
    }

    @Test
    void alexsOfflineNoseSessionReachesTheGatewayOnlyAfterHerOtherPenNeedledTheNose() {
        ScenarioSession offline = demo.sessions().get(12);
        ScenarioSession otherPen = demo.sessions().get(13);
        assertTrue(offline.offline());
        assertEquals(
                List.of("SIM-0001", "SIM-0002", "nose", "nose"),
                List.of(
                        offline.pen(),
                        otherPen.pen(),
                        offline.area().id(),
                        otherPen.area().id()));
        assertEquals(demo.ownerOf(offline), demo.ownerOf(otherPen));
        assertTrue(demo.gatewayLearnsAt(offline).isAfter(otherPen.end()));
        assertEquals(demo.sessions().get(15).start(), demo.gatewayLearnsAt(offline));
    }

    @Test
    void anUnknownBuiltInNameSaysWhichExist() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Scenarios.builtIn("five-weeks"));
        assertEquals("no built-in scenario 'five-weeks'; built in: four-weeks-at-home", e.getMessage());
    }
}
