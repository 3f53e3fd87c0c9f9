package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.Sessions;
import io.needleguard.household.Household;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.MemoryHouseholdRecords;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.link.PenAllowlist;
import io.needleguard.session.Area;
import io.needleguard.testing.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Setting the household up from the page (issue 23 item 4): conditions added and ended through the
 * gateway's recorder, pens paired from the scan and forgotten through the pairing port, and every change
 * (these, and the household's people, pens' owners and devices) refused to a request another site's page
 * could make.
 */
class DashboardSetupTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final TestClock clock = new TestClock(Instant.parse("2026-02-01T19:00:00Z"));
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household =
            new Household(List.of(new Owner("alex", BERLIN)), Map.of("PEN-1", "alex"), BERLIN);
    private final Set<String> paired = new ConcurrentSkipListSet<>(Set.of("PEN-1"));
    private final FakePairing pairing = new FakePairing();
    private final MemoryHouseholdRecords records = new MemoryHouseholdRecords();
    private final HouseholdChanges changes =
            new HouseholdChanges(HouseholdFile.NONE, records, paired::contains, BERLIN, clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;
    private DashboardServer dashboard;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }

    /** Pairing as the command line wires it, with the scan's findings and the pairings in memory. */
    private final class FakePairing implements PenPairing {
        final List<String> asked = new ArrayList<>();

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public List<Nearby> nearby() {
            return List.of(
                    new Nearby("PEN-7", "AA:00:00:00:00:07", -48), new Nearby("FAKE-1", "AA:00:00:00:00:66", -70));
        }

        @Override
        public Paired pair(String serial) {
            asked.add("pair " + serial);
            if (serial.equals("FAKE-1")) {
                throw new Refused(
                        "the device at AA:00:00:00:00:66 advertises itself as pen FAKE-1 but its serial is X; not paired");
            }
            paired.add(serial);
            gateway.refresh();
            return new Paired(serial, "AA:00:00:00:00:07", "ng-2", "2.1.0");
        }

        @Override
        public boolean forget(String serial) {
            asked.add("forget " + serial);
            boolean was = paired.remove(serial);
            gateway.refresh();
            return was;
        }
    }

    private void serve() throws Exception {
        build();
        dashboard.serve(
                DashboardPorts.of(gateway)
                        .withPairing(pairing)
                        .withHousehold(HouseholdSetup.of(changes, gateway::refresh)),
                MqttState.OFF,
                ReportPrinter.NONE,
                () -> io.needleguard.backup.BackupStatus.OFF);
        gateway.start();
    }

    /** The gateway and its dashboard, not yet served. */
    private void build() throws Exception {
        dashboard = DashboardServer.start(DashboardSettings.loopback(0));
        gateway = dashboard
                .wire(Gateway.builder()
                        .clock(clock)
                        .backend(new NoPens())
                        .history(history.history())
                        .household(household)
                        .allowlist(PenAllowlist.serials(paired::contains))
                        .pens(() -> Set.copyOf(paired)))
                .build();
    }

    private HttpResponse<String> send(String method, String path, String type, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve(path))
                .header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(int status, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return SessionJson.MAPPER.readTree(response.body());
    }

    private JsonNode get(String path) throws Exception {
        return ok(
                200,
                http.send(
                        HttpRequest.newBuilder(dashboard.url().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString()));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return SessionJson.MAPPER.readTree(response.body()).path("error").asText();
    }

    @Test
    void aConditionAddedOnThePageJudgesTheSessionsInItsTimeAgainAndEndsAsTheCommandLineEndsIt() throws Exception {
        serve();
        gateway.recorder()
                .record(Sessions.session(
                        "PEN-1", 1, "alex", Instant.parse("2026-01-30T19:00:00Z"), Area.CHEEKS, "0.25", "C-1"));

        JsonNode added = ok(
                201,
                send(
                        "POST",
                        "/api/owners/alex/conditions",
                        "application/json",
                        "{\"condition\": \"sunburn\", \"from\": \"2026-01-29\"}"));
        assertEquals("sunburn", added.path("condition").path("condition").asText());
        assertEquals("block", added.path("condition").path("kind").asText());
        assertEquals(
                "2026-01-29T00:00:00+01:00",
                added.path("condition").path("from").asText());
        assertTrue(added.path("condition").path("until").isNull(), "open-ended until it is ended");
        assertEquals(1, added.path("rejudged").size(), "the session on the 30th is judged again");
        assertTrue(added.path("rejudged").get(0).path("findings").toString().contains("condition"), added.toString());
        long id = added.path("condition").path("id").asLong();

        JsonNode listed = get("/api/owners/alex/conditions");
        assertEquals(1, listed.size());
        assertTrue(listed.get(0).path("active").asBoolean());
        assertEquals(1, get("/api/owners/alex/today").path("conditions").size());

        JsonNode ended =
                ok(200, send("POST", "/api/conditions/" + id + "/end", "application/json", "{\"on\": \"2026-01-31\"}"));
        assertEquals(
                "2026-02-01T00:00:00+01:00",
                ended.path("condition").path("until").asText());
        assertFalse(get("/api/owners/alex/conditions").get(0).path("active").asBoolean(), "over since today");
        assertEquals(0, get("/api/owners/alex/today").path("conditions").size());
        assertEquals(1, history.history().conditions().allConditions().size(), "ended, not deleted");
    }

    @Test
    void aConditionThatCannotBeIsRefusedSayingWhatToSendAndNothingIsStored() throws Exception {
        serve();
        HttpResponse<String> unknown =
                send("POST", "/api/owners/alex/conditions", "application/json", "{\"condition\": \"sunburnt\"}");
        assertEquals(400, unknown.statusCode());
        assertTrue(error(unknown).startsWith("condition: 'sunburnt' is not a condition; use one of: "), unknown.body());
        HttpResponse<String> backwards = send(
                "POST",
                "/api/owners/alex/conditions",
                "application/json",
                "{\"condition\": \"sunburn\", \"from\": \"2026-01-29\", \"until\": \"2026-01-20\"}");
        assertEquals(
                "until: 2026-01-20 is before from (2026-01-29); the last day cannot come before the first",
                error(backwards));
        HttpResponse<String> notADate = send(
                "POST",
                "/api/owners/alex/conditions",
                "application/json",
                "{\"condition\": \"sunburn\", \"from\": \"29/01/2026\"}");
        assertEquals("from: '29/01/2026' is not a date; write it as 2026-01-24", error(notADate));
        HttpResponse<String> typo = send(
                "POST",
                "/api/owners/alex/conditions",
                "application/json",
                "{\"condition\": \"sunburn\", \"untill\": \"x\"}");
        assertEquals(400, typo.statusCode());
        assertTrue(error(typo).startsWith("'untill' is not a field of the form; send condition, from, until"));
        assertEquals(
                404,
                send("POST", "/api/owners/kim/conditions", "application/json", "{\"condition\": \"sunburn\"}")
                        .statusCode());
        assertEquals(
                404,
                send("POST", "/api/conditions/99/end", "application/json", "{}").statusCode());
        assertTrue(history.history().conditions().allConditions().isEmpty());
    }

    @Test
    void aPenSeenNearbyIsPairedFromThePageAndRecordedAtOnceAndForgottenTheSameWay() throws Exception {
        serve();
        JsonNode nearby = get("/api/pens/nearby");
        assertTrue(nearby.path("available").asBoolean());
        assertEquals("PEN-7", nearby.path("pens").get(0).path("serial").asText());

        JsonNode pairedPen = ok(201, send("POST", "/api/pens", "application/json", "{\"serial\": \"PEN-7\"}"));
        assertEquals("ng-2", pairedPen.path("model").asText());
        assertTrue(gateway.recordedPens().contains("PEN-7"), "the running gateway records it at once");
        assertTrue(get("/api/pens").path("pens").toString().contains("\"serial\":\"PEN-7\""));

        HttpResponse<String> impostor = send("POST", "/api/pens", "application/json", "{\"serial\": \"FAKE-1\"}");
        assertEquals(409, impostor.statusCode());
        assertTrue(error(impostor).endsWith("but its serial is X; not paired"), impostor.body());

        ok(200, send("DELETE", "/api/pens/PEN-7", "application/json", "{}"));
        assertFalse(gateway.recordedPens().contains("PEN-7"));
        assertEquals(
                404, send("DELETE", "/api/pens/PEN-9", "application/json", "{}").statusCode());
        assertEquals(List.of("pair PEN-7", "pair FAKE-1", "forget PEN-7"), pairing.asked);
    }

    @Test
    void whereNothingCanBePairedThePageIsToldAndTheCommandLineNamed() throws Exception {
        build();
        dashboard.serve(gateway, MqttState.OFF);
        gateway.start();
        assertFalse(get("/api/pens/nearby").path("available").asBoolean());
        HttpResponse<String> refused = send("POST", "/api/pens", "application/json", "{\"serial\": \"PEN-7\"}");
        assertEquals(409, refused.statusCode());
        assertEquals("pairing from the page is not available here; use 'needleguard pair'", error(refused));
    }

    /** Every change the API makes, as the page sends it. */
    private static final List<String[]> CHANGES = List.of(
            new String[] {"POST", "/api/pens/PEN-1/area", "{\"area\": \"neck\"}"},
            new String[] {"POST", "/api/pens/PEN-1/person", "{\"person\": \"alex\"}"},
            new String[] {"POST", "/api/sessions/PEN-1:1/owner", "{\"owner\": \"alex\"}"},
            new String[] {"POST", "/api/owners/alex/log", "{\"area\": \"neck\", \"depth\": \"0.25\"}"},
            new String[] {"POST", "/api/owners/alex/conditions", "{\"condition\": \"sunburn\"}"},
            new String[] {"POST", "/api/conditions/1/end", "{}"},
            new String[] {"POST", "/api/pens", "{\"serial\": \"PEN-7\"}"},
            new String[] {"DELETE", "/api/pens/PEN-1", "{}"},
            new String[] {"POST", "/api/people", "{\"id\": \"sam\"}"},
            new String[] {"POST", "/api/people/me", "{\"name\": \"Me\"}"},
            new String[] {"DELETE", "/api/people/me", "{}"},
            new String[] {"POST", "/api/pens/PEN-1/owner", "{\"owner\": \"me\"}"},
            new String[] {
                "POST", "/api/devices", "{\"id\": \"roller-1\", \"kind\": \"roller\", \"needleLength\": \"0.5\"}"
            },
            new String[] {"POST", "/api/devices/roller-1", "{\"owner\": \"me\"}"},
            new String[] {"DELETE", "/api/devices/roller-1", "{}"});

    @Test
    void noChangeCanBeMadeByARequestAnotherSitesPageCouldSend() throws Exception {
        serve();
        for (String[] change : CHANGES) {
            String what = change[0] + " " + change[1];
            // A form on another site posts text/plain or form-encoded without asking the server first.
            assertEquals(
                    415, send(change[0], change[1], "text/plain", change[2]).statusCode(), what);
            assertEquals(
                    415,
                    send(change[0], change[1], "application/x-www-form-urlencoded", "a=b")
                            .statusCode(),
                    what);
            assertEquals(
                    415,
                    send(change[0], change[1], "multipart/form-data; boundary=x", "")
                            .statusCode(),
                    what);
            // A script elsewhere that sends JSON names its origin, and the browser says the site is another.
            for (String[] header : List.of(
                    new String[] {"Origin", "http://evil.example"},
                    new String[] {"Origin", "null"},
                    new String[] {"Sec-Fetch-Site", "cross-site"},
                    new String[] {"Sec-Fetch-Site", "same-site"})) {
                HttpResponse<String> refused =
                        send(change[0], change[1], "application/json", change[2], header[0], header[1]);
                assertEquals(403, refused.statusCode(), what + " with " + header[0] + ": " + header[1]);
                assertEquals("a change must come from the dashboard's own page", error(refused));
            }
        }
        assertTrue(history.history().conditions().allConditions().isEmpty(), "no condition added");
        assertTrue(history.history().areas().chosenAreas().isEmpty(), "no area chosen");
        assertTrue(history.history().sessions().ownerZones().isEmpty()
                || gateway.recordedPens().contains("PEN-1"));
        assertEquals(List.of(), pairing.asked, "nothing paired or forgotten");
        assertEquals(Set.of("PEN-1"), gateway.recordedPens());
        assertEquals(List.of(), records.people(), "nobody added");
        assertEquals(Map.of(), records.penOwners(), "no pen given to anyone");
        assertEquals(List.of(), records.devices(), "no device added");
        // The same requests from the page itself are made.
        ok(
                201,
                send(
                        "POST",
                        "/api/people",
                        "application/json",
                        "{\"id\": \"sam\"}",
                        "Origin",
                        dashboard.url().toString().replaceAll("/$", ""),
                        "Sec-Fetch-Site",
                        "same-origin"));
        ok(
                201,
                send(
                        "POST",
                        "/api/owners/alex/conditions",
                        "application/json",
                        "{\"condition\": \"sunburn\"}",
                        "Origin",
                        dashboard.url().toString().replaceAll("/$", ""),
                        "Sec-Fetch-Site",
                        "same-origin"));
    }
}
