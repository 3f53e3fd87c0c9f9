package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.Sessions;
import io.needleguard.household.Device;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.MemoryHouseholdRecords;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.link.PenAllowlist;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.testing.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The household set up from the page (issue 23 item 4): people added, changed and removed, each pen's owner
 * chosen and devices without Bluetooth added, changed and removed through {@link HouseholdChanges}, as the
 * command line does; what the configuration file lists shown as the file's, and changing it refused naming
 * the file; every refusal naming the form's field it is about.
 */
class DashboardHouseholdTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String FILE = "/etc/needleguard/config.yaml";

    private final TestClock clock = new TestClock(Instant.parse("2026-02-01T19:00:00Z"));
    private final InMemoryHistory history = new InMemoryHistory();
    private final Set<String> paired = new ConcurrentSkipListSet<>(Set.of("PEN-1", "PEN-7"));
    private final MemoryHouseholdRecords records = new MemoryHouseholdRecords();
    /** The file lists alex, alex's PEN-1 and alex's roller; PEN-7 was paired with no owner given. */
    private final HouseholdChanges changes = new HouseholdChanges(
            new HouseholdFile(
                    Optional.of(FILE),
                    List.of(new Owner("alex", BERLIN)),
                    Map.of("PEN-1", "alex"),
                    List.of(new Device("roller-f", Device.Kind.ROLLER, "alex", Optional.of(Depth.ofMm("0.25"))))),
            records,
            paired::contains,
            BERLIN,
            clock);

    private final AtomicInteger told = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;
    private DashboardServer dashboard;

    @BeforeEach
    void serve() throws Exception {
        dashboard = DashboardServer.start(DashboardSettings.loopback(0));
        gateway = dashboard
                .wire(Gateway.builder()
                        .clock(clock)
                        .backend(new NoPens())
                        .history(history.history())
                        .household(changes.household())
                        .sessionOwners(changes)
                        .allowlist(PenAllowlist.serials(paired::contains))
                        .pens(() -> Set.copyOf(paired)))
                .build();
        dashboard.serve(
                DashboardPorts.of(gateway).withHousehold(HouseholdSetup.of(changes, told::incrementAndGet)),
                MqttState.OFF,
                ReportPrinter.NONE,
                () -> io.needleguard.backup.BackupStatus.OFF);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        dashboard.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(dashboard.url().resolve(path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(int status, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return SessionJson.MAPPER.readTree(response.body());
    }

    private JsonNode household() throws Exception {
        return ok(
                200,
                http.send(
                        HttpRequest.newBuilder(dashboard.url().resolve("/api/household"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
    }

    private static JsonNode find(JsonNode list, String key, String value) {
        for (JsonNode item : list) {
            if (item.path(key).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + key + " " + value + " in " + list);
    }

    /** The refusal's status, its field, and that its message says {@code words}. */
    private static void refused(HttpResponse<String> response, int status, String field, String words)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = SessionJson.MAPPER.readTree(response.body());
        assertEquals(field, body.path("field").asText(null), response.body());
        assertTrue(body.path("error").asText().contains(words), response.body());
    }

    @Test
    void aPersonAddedOnThePageIsInTheHouseholdAtOnceIsChangedAndRemovedWithTheirHistoryKept() throws Exception {
        JsonNode added = ok(
                201,
                send(
                        "POST",
                        "/api/people",
                        "{\"id\": \"sam\", \"name\": \"Sam\", \"zone\": \"America/New_York\", \"skinType\": \"IV\"}"));
        assertEquals("America/New_York", added.path("zone").asText());
        assertEquals(1, told.get(), "the running gateway is told to read the household again");
        assertTrue(changes.household().owner("sam").isPresent(), "through the command line's household API");

        JsonNode sam = find(household().path("people"), "id", "sam");
        assertEquals("added", sam.path("source").asText());
        assertEquals("IV", sam.path("skinType").asText());
        assertEquals(List.of("alex", "sam"), ids(household().path("owners")));

        ok(200, send("POST", "/api/people/sam", "{\"name\": \"Samantha\", \"skinType\": \"V\"}"));
        sam = find(household().path("people"), "id", "sam");
        assertEquals("Samantha", sam.path("name").asText());
        assertEquals("V", sam.path("skinType").asText());
        assertEquals("America/New_York", sam.path("zone").asText(), "what is not sent stays");

        // What the page says before removing: the sessions and conditions that stay in the history.
        history.history()
                .sessions()
                .add(
                        Sessions.session(
                                "PEN-7", 1, "sam", Instant.parse("2026-01-30T19:00:00Z"), Area.CHEEKS, "0.25", "C-1"),
                        List.of(),
                        clock.instant());
        assertEquals(
                1,
                find(household().path("people"), "id", "sam").path("sessions").asInt());

        JsonNode removed = ok(200, send("DELETE", "/api/people/sam", "{}"));
        assertEquals("2026-02-01T19:00:00Z", removed.path("removedAt").asText());
        sam = find(household().path("people"), "id", "sam");
        assertEquals("former", sam.path("source").asText());
        assertEquals(1, sam.path("sessions").asInt(), "their history is kept");
        assertEquals(List.of("alex"), ids(household().path("owners")));
    }

    @Test
    void whatTheFileListsIsShownAsTheFilesAndChangingItIsRefusedNamingTheFile() throws Exception {
        JsonNode household = household();
        assertEquals(FILE, household.path("file").asText());
        assertEquals(
                "file",
                find(household.path("people"), "id", "alex").path("source").asText());
        assertTrue(
                find(household.path("pens"), "serial", "PEN-1").path("inFile").asBoolean());
        assertFalse(
                find(household.path("pens"), "serial", "PEN-7").path("inFile").asBoolean());
        assertTrue(
                find(household.path("devices"), "id", "roller-f").path("inFile").asBoolean());

        refused(send("POST", "/api/people/alex", "{\"name\": \"Al\"}"), 409, "name", "is set in " + FILE);
        refused(send("DELETE", "/api/people/alex", "{}"), 409, null, "is set in " + FILE);
        refused(send("POST", "/api/people", "{\"id\": \"alex\"}"), 409, "id", "is set in " + FILE);
        refused(send("POST", "/api/pens/PEN-1/owner", "{\"owner\": \"alex\"}"), 409, "owner", "is set in " + FILE);
        refused(send("POST", "/api/devices/roller-f", "{\"owner\": \"alex\"}"), 409, "kind", "is set in " + FILE);
        refused(send("DELETE", "/api/devices/roller-f", "{}"), 409, null, "is set in " + FILE);
        assertEquals(0, told.get(), "nothing was changed");
        assertTrue(records.people().isEmpty());
    }

    @Test
    void aPensOwnerIsChosenAndItsNextSessionIsTheirsAndDevicesAreAddedChangedAndRemoved() throws Exception {
        ok(201, send("POST", "/api/people", "{\"id\": \"sam\"}"));
        refused(
                send("POST", "/api/pens/PEN-7/owner", "{\"owner\": \"kim\"}"),
                409,
                "owner",
                "'kim' is not in the household");
        ok(200, send("POST", "/api/pens/PEN-7/owner", "{\"owner\": \"sam\"}"));
        assertEquals(
                "sam",
                find(household().path("pens"), "serial", "PEN-7").path("owner").asText());
        assertEquals("sam", changes.ownerOfSession("PEN-7", clock.instant()).id(), "the next session is sam's");

        ok(
                201,
                send(
                        "POST",
                        "/api/devices",
                        "{\"id\": \"roller-1\", \"kind\": \"roller\", \"owner\": \"sam\", \"needleLength\": \"0.5\"}"));
        JsonNode roller = find(household().path("devices"), "id", "roller-1");
        assertEquals("0.5", roller.path("needleLengthMm").asText());
        assertFalse(roller.path("inFile").asBoolean());
        refused(send("POST", "/api/devices", "{\"id\": \"roller-1\", \"kind\": \"pen\"}"), 409, "id", "already exists");
        refused(
                send("POST", "/api/devices", "{\"id\": \"roller-2\", \"kind\": \"roller\"}"),
                400,
                "needleLength",
                "needs its needle length");
        refused(
                send(
                        "POST",
                        "/api/devices",
                        "{\"id\": \"roller-2\", \"kind\": \"roller\", \"needleLength\": \"lots\"}"),
                400,
                "needleLength",
                "is not a length in mm");

        // A person whose device it still is stays until it is someone else's.
        refused(send("DELETE", "/api/people/sam", "{}"), 409, null, "give it to someone else");
        ok(200, send("POST", "/api/devices/roller-1", "{\"owner\": \"alex\", \"needleLength\": \"1\"}"));
        roller = find(household().path("devices"), "id", "roller-1");
        assertEquals("alex", roller.path("owner").asText());
        assertEquals("1", roller.path("needleLengthMm").asText());
        ok(200, send("DELETE", "/api/devices/roller-1", "{}"));
        assertTrue(records.devices().isEmpty());
        refused(send("DELETE", "/api/devices/roller-1", "{}"), 409, null, "there is no device 'roller-1'");
    }

    @Test
    void inputThatCannotBeIsRefusedNamingItsFieldAndNothingIsStored() throws Exception {
        refused(send("POST", "/api/people", "{\"id\": \"Sam!\"}"), 400, "id", "cannot be an id");
        refused(send("POST", "/api/people", "{\"id\": \"sam\", \"zone\": \"Mars/Base\"}"), 400, "zone", "not a time");
        refused(send("POST", "/api/people", "{\"id\": \"sam\", \"skinType\": \"VII\"}"), 400, "skinType", "I, II");
        refused(
                send("POST", "/api/people", "{\"id\": \"sam\", \"name\": \"" + "x".repeat(65) + "\"}"),
                409,
                "name",
                "");
        refused(send("POST", "/api/devices", "{\"id\": \"r/1\", \"kind\": \"roller\"}"), 400, "id", "device's id");
        refused(send("POST", "/api/devices", "{\"id\": \"r1\", \"kind\": \"stamp\"}"), 400, "kind", "roller, pen");
        assertTrue(records.people().isEmpty());
        assertTrue(records.devices().isEmpty());
        assertEquals(0, told.get());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new java.util.ArrayList<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }
}
