package io.needleguard.sim.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.json.SessionJson;
import io.needleguard.session.Area;
import io.needleguard.sim.pen.SimulatedPen;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's JSON API on a history made by replaying the built-in four weeks through the real
 * gateway, held to what the command line prints for the same history and clock: the sessions of
 * {@code history --format json}, the next safe times of {@code status}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiOnReplayTest {

    private static final List<String> OWNERS = List.of("alex", "sam");

    private ReplayedWorld world;

    @BeforeAll
    void replay(@TempDir Path dir) throws Exception {
        world = ReplayedWorld.start(dir);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = world.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return SessionJson.MAPPER.readTree(response.body());
    }

    @Test
    void thePeopleAndNowAreTheReplays() throws Exception {
        JsonNode overview = api("/api/overview");
        assertEquals(OWNERS, overview.get("owners").findValuesAsText("id"));
        assertEquals(world.now().toString(), overview.get("now").asText(), "the replay's clock at its end");
        assertEquals(
                "2026-02-01T20:08:00+01:00",
                overview.get("owners").get(0).get("now").asText());
    }

    @Test
    void sessionsAreExactlyWhatHistoryPrintsAsJson() throws Exception {
        int total = 0;
        for (String owner : OWNERS) {
            JsonNode printed = SessionJson.MAPPER.readTree(world.cli("history", "--owner", owner, "--format", "json"));
            JsonNode served = api("/api/owners/" + owner + "/sessions");
            assertEquals(printed, served, owner);
            total += served.size();
            JsonNode recent = api("/api/owners/" + owner + "/sessions?since=2026-01-25");
            assertTrue(recent.size() < served.size());
            for (JsonNode s : recent) {
                assertTrue(s.get("start").asText().compareTo("2026-01-25") >= 0, s.toString());
            }
        }
        assertEquals(world.scenario.sessions().size(), total, "every session of the scenario");
    }

    @Test
    void everyAreasNextSafeTimeIsWhatStatusSays() throws Exception {
        for (String owner : OWNERS) {
            StatusOutput status = world.status(owner);
            JsonNode today = api("/api/owners/" + owner + "/today");
            ZoneId zone = world.zone(owner);
            assertEquals(Area.values().length, today.get("areas").size());
            for (JsonNode a : today.get("areas")) {
                String area = a.get("area").asText();
                StatusOutput.When served;
                if (a.get("safeNow").asBoolean()) {
                    served = StatusOutput.When.SAFE;
                } else {
                    JsonNode next = a.get("nextSafe");
                    Optional<LocalDateTime> at = next.get("at").isNull()
                            ? Optional.empty()
                            : Optional.of(OffsetDateTime.parse(next.get("at").asText())
                                    .atZoneSameInstant(zone)
                                    .toLocalDateTime());
                    served = new StatusOutput.When(false, at, next.get("rule").asText());
                }
                assertEquals(status.areas().get(area), served, owner + ", " + area);
            }
        }
    }

    @Test
    void theOpenFindingsAreTheWarningsAndWorseOfTheLastSevenDaysNewestFirst() throws Exception {
        for (String owner : OWNERS) {
            JsonNode printed = SessionJson.MAPPER.readTree(world.cli("history", "--owner", owner, "--format", "json"));
            OffsetDateTime weekAgo =
                    world.now().atZone(world.zone(owner)).minusDays(7).toOffsetDateTime();
            List<JsonNode> sessions = new ArrayList<>();
            printed.forEach(sessions::add);
            sessions.sort(Comparator.comparing(
                            (JsonNode s) -> OffsetDateTime.parse(s.get("start").asText()))
                    .reversed());
            List<String> expected = new ArrayList<>();
            for (JsonNode s : sessions) {
                if (OffsetDateTime.parse(s.get("start").asText()).isBefore(weekAgo)) {
                    continue;
                }
                for (JsonNode f : s.get("findings")) {
                    if (!f.get("severity").asText().equals("info")) {
                        expected.add(s.get("sessionId").asText() + " "
                                + f.get("rule").asText());
                    }
                }
            }
            List<String> served = new ArrayList<>();
            for (JsonNode f : api("/api/owners/" + owner + "/findings")) {
                served.add(f.get("sessionId").asText() + " " + f.get("rule").asText());
                assertTrue(f.get("evidence").size() > 0, "each cites its evidence: " + f);
                assertTrue(f.get("source").asText().length() > 10, f.toString());
            }
            assertEquals(
                    expected.stream().sorted().toList(),
                    served.stream().sorted().toList(),
                    owner);
            assertEquals(
                    served.stream().map(s -> s.split(" ")[0]).distinct().toList(),
                    expected.stream().map(s -> s.split(" ")[0]).distinct().toList(),
                    owner + ": newest first");
        }
    }

    @Test
    void spacingFlagsWhatTheRuleFlagged() throws Exception {
        int tooSoon = 0;
        for (String owner : OWNERS) {
            for (JsonNode s : api("/api/owners/" + owner + "/spacing")) {
                assertEquals(s.get("flagged").asBoolean(), s.get("tooSoon").asBoolean(), s.toString());
                if (s.get("tooSoon").asBoolean()) {
                    tooSoon++;
                    assertTrue(s.get("days").asInt() < s.get("minimumDays").asInt(), s.toString());
                }
            }
        }
        assertEquals(2, tooSoon, "the built-in month has two spacing findings");
    }

    @Test
    void thePensAreConnectedWithNothingLeftToFetch() throws Exception {
        JsonNode pens = api("/api/pens");
        assertEquals(
                List.of("SIM-0001", "SIM-0002", "SIM-0003"), pens.get("pens").findValuesAsText("serial"));
        for (JsonNode pen : pens.get("pens")) {
            String serial = pen.get("serial").asText();
            SimulatedPen simulated = world.simulation.player().pens().get(serial);
            assertTrue(pen.get("connected").asBoolean(), serial);
            assertEquals(0, pen.get("waiting").asInt(), serial + " handed over what it kept");
            assertEquals(simulated.battery(), pen.get("battery").asInt(), serial);
            assertEquals(simulated.model(), pen.get("model").asText());
            assertEquals(
                    world.store.sessions().lastSession(serial).orElseThrow().toString(),
                    pen.get("lastSession").get("sessionId").asText());
        }
        assertEquals(false, pens.get("mqtt").get("enabled").asBoolean());
    }
}
