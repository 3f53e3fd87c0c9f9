package io.needleguard.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Condition;
import io.needleguard.household.SkinType;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {

    /** The example from the format's issue, verbatim. */
    static final String ISSUE_EXAMPLE = """
            { "name": "two cheek sessions too close",
              "start": "2026-01-05T19:00:00+01:00",
              "owners": [ { "id": "alex", "zone": "Europe/Berlin", "skinType": "III" } ],
              "pens": [ { "serial": "SIM-0001", "model": "sim-a1", "owner": "alex" } ],
              "conditions": [ { "owner": "alex", "condition": "sunburn", "from": "2026-01-10", "until": "2026-01-14" } ],
              "sessions": [
                { "pen": "SIM-0001", "at": "P0D", "area": "cheeks", "depthMm": 0.5, "strokeHz": 120,
                  "duration": "PT10M", "cartridge": "C-0001" },
                { "pen": "SIM-0001", "at": "P3DT1H", "area": "cheeks", "depthMm": 0.5, "strokeHz": 120,
                  "duration": "PT8M", "cartridge": "C-0002", "offline": true } ] }
            """;

    @Test
    void theIssueExampleReadsAsWritten() {
        Scenario scenario = ScenarioJson.read("two-close.json", ISSUE_EXAMPLE);

        assertEquals("two cheek sessions too close", scenario.name());
        assertEquals(OffsetDateTime.parse("2026-01-05T19:00:00+01:00"), scenario.start());
        assertEquals(
                List.of(new ScenarioOwner("alex", ZoneId.of("Europe/Berlin"), Optional.of(SkinType.III))),
                scenario.owners());
        assertEquals(List.of(new ScenarioPen("SIM-0001", "sim-a1", "alex")), scenario.pens());
        assertEquals(
                List.of(new ScenarioCondition(
                        "alex",
                        Condition.SUNBURN,
                        Instant.parse("2026-01-09T23:00:00Z"), // 10 Jan, 00:00 in Berlin
                        Optional.of(Instant.parse("2026-01-14T23:00:00Z")))), // 14 Jan included: ends at 15 Jan, 00:00
                scenario.conditions());
        assertEquals(
                List.of(
                        new ScenarioSession(
                                0,
                                "SIM-0001",
                                Instant.parse("2026-01-05T18:00:00Z"),
                                Instant.parse("2026-01-05T18:10:00Z"),
                                Area.CHEEKS,
                                Depth.ofHundredths(50),
                                120,
                                "C-0001",
                                false),
                        new ScenarioSession(
                                1,
                                "SIM-0001",
                                Instant.parse("2026-01-08T19:00:00Z"),
                                Instant.parse("2026-01-08T19:08:00Z"),
                                Area.CHEEKS,
                                Depth.ofHundredths(50),
                                120,
                                "C-0002",
                                true)),
                scenario.sessions());
    }

    @Test
    void atIsEitherADurationAfterTheStartOrAnAbsoluteDateTime() {
        Scenario scenario = ScenarioJson.read("at.json", """
                { "start": "2026-01-05T19:00:00+01:00",
                  "pens": [ { "serial": "P1" } ],
                  "sessions": [
                    { "pen": "P1", "at": "P3DT1H30M", "area": "nose", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "A" },
                    { "pen": "P1", "at": "2026-01-10T08:00:00-05:00", "area": "nose", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "B" } ] }
                """);

        assertEquals(
                Instant.parse("2026-01-08T19:30:00Z"),
                scenario.sessions().get(0).start());
        assertEquals(
                Instant.parse("2026-01-10T13:00:00Z"),
                scenario.sessions().get(1).start());
        assertEquals(
                Instant.parse("2026-01-10T13:05:00Z"),
                scenario.sessions().get(1).end());
    }

    @Test
    void withoutOwnersThereIsOneOwnerMeAtTheStartsOffsetAndPensGetTheDefaultModel() {
        Scenario scenario = ScenarioJson.read("minimal.json", """
                { "start": "2026-03-28T21:00:00+01:00", "pens": [ { "serial": "P1" } ], "sessions": [] }
                """);

        assertEquals("minimal", scenario.name());
        // A fixed offset, not the machine's zone nor Europe/Berlin's DST rules: the same replay everywhere.
        assertEquals(List.of(new ScenarioOwner("me", ZoneOffset.ofHours(1), Optional.empty())), scenario.owners());
        assertEquals(List.of(new ScenarioPen("P1", "sim-a1", "me")), scenario.pens());
        assertEquals(List.of(), scenario.conditions());
        assertEquals(List.of(), scenario.sessions());
        assertEquals(scenario.start().toInstant(), scenario.end());
    }

    @Test
    void anOwnerWithoutAZoneLivesAtTheStartsOffsetAndConditionDatesAreDaysThere() {
        Scenario scenario = ScenarioJson.read("zones.json", """
                { "start": "2026-01-05T19:00:00-05:00",
                  "owners": [ { "id": "sam" } ],
                  "pens": [ { "serial": "P1", "owner": "sam" } ],
                  "conditions": [
                    { "owner": "sam", "condition": "pregnancy", "from": "2026-02-01" },
                    { "owner": "sam", "condition": "cold-sore", "from": "2026-01-07T12:00:00+01:00", "until": "2026-01-09T12:00:00+01:00" } ],
                  "sessions": [] }
                """);

        assertEquals(ZoneOffset.ofHours(-5), scenario.owner("sam").orElseThrow().zone());
        assertEquals(
                new ScenarioCondition(
                        "sam", Condition.PREGNANCY, Instant.parse("2026-02-01T05:00:00Z"), Optional.empty()),
                scenario.conditions().get(0));
        assertEquals(
                new ScenarioCondition(
                        "sam",
                        Condition.COLD_SORE,
                        Instant.parse("2026-01-07T11:00:00Z"),
                        Optional.of(Instant.parse("2026-01-09T11:00:00Z"))),
                scenario.conditions().get(1));
    }

    @Test
    void aConditionMayStartAndEndOnTheSameDay() {
        Scenario scenario = ScenarioJson.read("one-day.json", """
                { "start": "2026-01-05T19:00:00Z", "pens": [ { "serial": "P1" } ], "sessions": [],
                  "conditions": [ { "owner": "me", "condition": "open-wound", "from": "2026-01-10", "until": "2026-01-10" } ] }
                """);

        ScenarioCondition condition = scenario.conditions().get(0);
        assertEquals(Instant.parse("2026-01-10T00:00:00Z"), condition.from());
        assertEquals(Optional.of(Instant.parse("2026-01-11T00:00:00Z")), condition.until());
    }

    @Test
    void orderInTheFileDoesNotMatterButIsKeptForMessages() {
        Scenario scenario = ScenarioJson.read("order.json", """
                { "start": "2026-01-05T19:00:00Z",
                  "pens": [ { "serial": "P2" }, { "serial": "P1" } ],
                  "sessions": [
                    { "pen": "P1", "at": "P2D", "area": "chin", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "C" },
                    { "pen": "P2", "at": "P0D", "area": "neck", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "A" },
                    { "pen": "P1", "at": "P0D", "area": "nose", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "B" },
                    { "pen": "P1", "at": "PT5M", "area": "chin", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "B" } ] }
                """);

        assertEquals(
                List.of(0, 1, 2, 3),
                scenario.sessions().stream().map(ScenarioSession::index).toList());
        // Same second: by serial. A session may start the moment the pen's previous one ends.
        assertEquals(
                List.of(2, 1, 3, 0),
                scenario.sessionsInTimeOrder().stream()
                        .map(ScenarioSession::index)
                        .toList());
        assertEquals("$.sessions[3]", scenario.sessions().get(3).jsonPath());
    }

    @Test
    void anOfflineSessionReachesTheGatewayWhenItsPenIsNextUsedInRangeOrAtTheEnd() {
        Scenario scenario = ScenarioJson.read("offline.json", """
                { "start": "2026-01-05T19:00:00Z",
                  "pens": [ { "serial": "P1" }, { "serial": "P2" } ],
                  "sessions": [
                    { "pen": "P1", "at": "P0D", "area": "chin", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "A", "offline": true },
                    { "pen": "P1", "at": "P1D", "area": "neck", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "B", "offline": true },
                    { "pen": "P2", "at": "P2D", "area": "nose", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "C" },
                    { "pen": "P1", "at": "P4D", "area": "hands", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "D" },
                    { "pen": "P2", "at": "P5D", "area": "body", "depthMm": 0.25, "strokeHz": 100, "duration": "PT5M", "cartridge": "E", "offline": true } ] }
                """);

        List<ScenarioSession> s = scenario.sessions();
        assertEquals(s.get(3).start(), scenario.gatewayLearnsAt(s.get(0)));
        assertEquals(s.get(3).start(), scenario.gatewayLearnsAt(s.get(1)));
        assertEquals(s.get(2).end(), scenario.gatewayLearnsAt(s.get(2)));
        assertEquals(s.get(4).end(), scenario.end());
        assertEquals(scenario.end(), scenario.gatewayLearnsAt(s.get(4)));
    }

    @Test
    void depthsAreReadExactlyFromTheText() {
        Scenario scenario = ScenarioJson.read("depths.json", """
                { "start": "2026-01-05T19:00:00Z", "pens": [ { "serial": "P1" } ], "sessions": [
                    { "pen": "P1", "at": "P0D", "area": "body", "depthMm": 0.29, "strokeHz": 0, "duration": "PT1S", "cartridge": "" },
                    { "pen": "P1", "at": "P1D", "area": "body", "depthMm": 3.00, "strokeHz": 1000, "duration": "PT4H", "cartridge": "0123456789abcdef" },
                    { "pen": "P1", "at": "P2D", "area": "body", "depthMm": 0, "strokeHz": 120, "duration": "PT1M", "cartridge": "~!" } ] }
                """);

        // 0.29 as a double is 0.28999999999999998; read through a double it would become 28 hundredths.
        assertEquals(
                List.of(Depth.ofHundredths(29), Depth.ofHundredths(300), Depth.ofHundredths(0)),
                scenario.sessions().stream().map(ScenarioSession::depth).toList());
        assertEquals("", scenario.sessions().get(0).cartridge());
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("from-disk.json");
        Files.writeString(
                file,
                "{ \"start\": \"2026-01-05T19:00:00Z\", \"pens\": [ { \"serial\": \"P1\" } ], \"sessions\": [] }");
        assertEquals("from-disk", new ScenarioReader().read(file).name());

        Files.writeString(file, "{ \"pens\": [ { \"serial\": \"P1\" } ], \"sessions\": [] }");
        ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioReader().read(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().startsWith(file + ": $.start: required field is missing"), e.getMessage());
    }

    @Test
    void theConditionListIsTheSafetyDefaults() {
        assertEquals(
                "skin-infection, cold-sore, open-wound, sunburn, acne-flare, dermatitis-flare, bleeding-disorder, isotretinoin, "
                        + "anticoagulants, keloid-history, pregnancy, poor-wound-healing, immunosuppression",
                Condition.allIds());
        assertEquals(Condition.Kind.BLOCK, Condition.ISOTRETINOIN.kind());
        assertEquals(Condition.Kind.CAUTION, Condition.ANTICOAGULANTS.kind());
        assertFalse(Condition.fromId("eczema").isPresent());
    }
}
