package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.Sessions;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.HouseholdInForce;
import io.needleguard.household.MemoryHouseholdRecords;
import io.needleguard.json.SessionJson;
import io.needleguard.link.PenAllowlist;
import io.needleguard.session.Area;
import io.needleguard.session.SessionId;
import io.needleguard.testing.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 1 on the dashboard's API: choosing who a pen's next session is for (the pen lent for one
 * session) and giving a recorded session to another person, through the household API and the recorder
 * the command line and MQTT use.
 */
class DashboardLendingTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-02-01T19:00:00Z"));
    private final InMemoryHistory history = new InMemoryHistory();
    private final HouseholdChanges changes = new HouseholdChanges(
            HouseholdFile.NONE, new MemoryHouseholdRecords(), Set.of("PEN-1")::contains, ZoneOffset.UTC, clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;
    private DashboardServer dashboard;

    @BeforeEach
    void alexsPenAndSam() throws Exception {
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addPerson("sam", Optional.empty(), Optional.empty(), Optional.empty());
        changes.setPenOwner("PEN-1", "alex");
        HouseholdInForce household = HouseholdInForce.of(changes);
        dashboard = DashboardServer.start(DashboardSettings.loopback(0));
        gateway = dashboard
                .wire(Gateway.builder()
                        .clock(clock)
                        .backend(new NoPens())
                        .history(history.history())
                        .household(household)
                        .sessionOwners(changes)
                        .allowlist(PenAllowlist.serials(Set.of("PEN-1")::contains))
                        .pens(() -> Set.of("PEN-1")))
                .build();
        dashboard.serve(
                DashboardPorts.of(gateway, changes),
                MqttState.OFF,
                ReportPrinter.NONE,
                () -> io.needleguard.backup.BackupStatus.OFF);
        gateway.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(dashboard.url().resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(int status, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return SessionJson.MAPPER.readTree(response.body());
    }

    private String nextSessionFor() throws Exception {
        HttpResponse<String> pens = http.send(
                HttpRequest.newBuilder(dashboard.url().resolve("/api/pens")).build(),
                HttpResponse.BodyHandlers.ofString());
        return json(200, pens).path("pens").get(0).path("nextSessionFor").asText();
    }

    @Test
    void thePenCardChoosesWhoThePensNextSessionIsForAndItsOwnerGivesItBack() throws Exception {
        assertEquals("alex", nextSessionFor());
        JsonNode lent = json(200, post("/api/pens/PEN-1/person", "{\"person\": \"sam\"}"));
        assertEquals("sam", lent.path("nextSessionFor").asText());
        assertEquals("alex", lent.path("owner").asText());
        assertEquals("sam", nextSessionFor());
        assertEquals(
                "sam",
                changes.personForSession("PEN-1", clock.instant().plusSeconds(60))
                        .id(),
                "as 'pens lend'");

        assertEquals(
                "alex",
                json(200, post("/api/pens/PEN-1/person", "{\"person\": \"alex\"}"))
                        .path("nextSessionFor")
                        .asText());
        assertEquals("alex", nextSessionFor());

        JsonNode nobody = json(409, post("/api/pens/PEN-1/person", "{\"person\": \"kim\"}"));
        assertTrue(
                nobody.path("error").asText().startsWith("'kim' is not in the household (alex, sam)"),
                nobody.toString());
        json(404, post("/api/pens/PEN-9/person", "{\"person\": \"sam\"}"));
        json(400, post("/api/pens/PEN-1/person", "{\"who\": \"sam\"}"));
        assertEquals("alex", nextSessionFor(), "nothing refused changed anything");
    }

    @Test
    void aSessionGivenToAnotherPersonIsStoredAsTheirsAndJudgedAgain() throws Exception {
        gateway.recorder()
                .record(Sessions.session(
                        "PEN-1", 1, "alex", Instant.parse("2026-01-30T19:00:00Z"), Area.CHEEKS, "0.25", "C-1"));

        JsonNode done = json(200, post("/api/sessions/PEN-1%3A1/owner", "{\"owner\": \"sam\"}"));
        assertEquals("alex", done.path("was").asText());
        assertEquals("sam", done.path("session").path("owner").asText());
        assertEquals("PEN-1:1", done.path("session").path("sessionId").asText());
        assertEquals(
                "sam",
                history.history()
                        .sessions()
                        .find(new SessionId("PEN-1", 1))
                        .orElseThrow()
                        .session()
                        .owner());

        JsonNode again = json(409, post("/api/sessions/PEN-1:1/owner", "{\"owner\": \"sam\"}"));
        assertTrue(again.path("error").asText().contains("is already sam's"), again.toString());
        json(409, post("/api/sessions/PEN-1:2/owner", "{\"owner\": \"alex\"}"));
        json(409, post("/api/sessions/PEN-1:1/owner", "{\"owner\": \"kim\"}"));
        json(400, post("/api/sessions/PEN-1/owner", "{\"owner\": \"alex\"}"));
        assertEquals(
                "sam",
                history.history()
                        .sessions()
                        .find(new SessionId("PEN-1", 1))
                        .orElseThrow()
                        .session()
                        .owner());
    }
}
