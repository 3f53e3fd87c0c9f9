package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.Sessions;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.link.PenAllowlist;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.SessionId;
import io.needleguard.testing.Await;
import io.needleguard.testing.FreePorts;
import io.needleguard.testing.LogCapture;
import io.needleguard.testing.TestClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's server over HTTP, on a gateway whose history is in memory: what every answer carries,
 * what the API answers, and who may ask.
 */
class DashboardServerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String TOKEN = "5f1c0a8e9d7b6c4a3e2f1d0c";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-02-01T19:00:00Z"));
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household = new Household(
            List.of(new Owner("alex", BERLIN)),
            Map.of("PEN-1", "alex", "PEN-2", "alex"),
            List.of(
                    new Device("roller-1", Device.Kind.ROLLER, "alex", Optional.of(Depth.ofMm("0.5"))),
                    new Device("pen-3", Device.Kind.PEN, "alex", Optional.empty())),
            BERLIN);
    /** What the gateway gives MQTT to publish, written in the same unit of work as the history. */
    private final MemoryOutbox outbox = new MemoryOutbox();

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
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

    private DashboardServer serve(DashboardSettings settings) throws Exception {
        return serve(settings, FrontDoor.Limits.STANDARD);
    }

    private DashboardServer serve(DashboardSettings settings, FrontDoor.Limits limits) throws Exception {
        dashboard = DashboardServer.start(settings, limits, java.time.Clock.systemUTC());
        history.transactions().with(outbox);
        gateway = dashboard
                .wire(Gateway.builder()
                        .clock(clock)
                        // As with MQTT on: the session and alert messages of every change go to the outbox.
                        .changeLog(
                                new OutboxChangeLog(new Messages(new Topics("needleguard"), household::zoneOf), outbox))
                        .backend(new NoPens())
                        .history(history.history())
                        .household(household)
                        .allowlist(PenAllowlist.serials(Set.of("PEN-1", "PEN-2")::contains))
                        .pens(() -> Set.of("PEN-1", "PEN-2")))
                .build();
        dashboard.serve(gateway, MqttState.of("tcp://broker:1883", () -> true, () -> 3));
        gateway.start();
        return dashboard;
    }

    private DashboardServer serve() throws Exception {
        return serve(DashboardSettings.loopback(0));
    }

    /** Alex's January: cheeks twice four days apart (too soon), forehead once. */
    private void aHistory() {
        gateway.recorder()
                .record(Sessions.session(
                        "PEN-1", 1, "alex", Instant.parse("2026-01-20T19:00:00Z"), Area.CHEEKS, "0.5", "C-1"));
        gateway.recorder()
                .record(Sessions.session(
                        "PEN-1", 2, "alex", Instant.parse("2026-01-24T19:00:00Z"), Area.CHEEKS, "0.5", "C-2"));
        gateway.recorder()
                .record(Sessions.session(
                        "PEN-2", 1, "alex", Instant.parse("2026-01-31T18:00:00Z"), Area.FOREHEAD, "0.25", "C-3"));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        return SessionJson.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String type, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve(path))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAnswerKeepsTheDataInThisBrowserAndThisPage() throws Exception {
        serve();
        for (String path : List.of("/", "/app.js", "/app.css", "/lib/uPlot.iife.min.js", "/api/overview", "/nope")) {
            HttpResponse<String> response = get(path);
            var headers = response.headers();
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.startsWith("default-src 'self'; script-src 'self'; style-src 'self';"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
            assertEquals(Optional.of("no-store"), headers.firstValue("Cache-Control"), path);
            assertEquals(Optional.of("nosniff"), headers.firstValue("X-Content-Type-Options"), path);
            assertEquals(Optional.of("no-referrer"), headers.firstValue("Referrer-Policy"), path);
            assertEquals(Optional.of("DENY"), headers.firstValue("X-Frame-Options"), path);
        }
        assertEquals(404, get("/nope").statusCode());
        assertEquals(404, get("/../../etc/passwd").statusCode());
    }

    @Test
    void thePageAndItsChartLibraryComeFromTheBuildAndAskNothingOfAnyoneElse() throws Exception {
        serve();
        String page = get("/").body();
        assertTrue(page.contains("<script src=\"/app.js\" defer></script>"), page);
        // The chart library is the script's to load, for the views that draw with it only.
        assertFalse(page.contains("uPlot"), page);
        assertTrue(get("/app.js").body().contains("'/lib/uPlot.iife.min.js'"));
        HttpResponse<String> uplot = get("/lib/uPlot.iife.min.js");
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.body().contains("uPlot"));
        assertEquals(200, get("/lib/uPlot.min.css").statusCode());
        for (String file : List.of("/", "/app.js", "/app.css", "/login", "/favicon.svg")) {
            String text = get(file).body();
            assertFalse(text.contains("<script>") || text.contains("style=\""), file + ": no inline script or style");
            String withoutNamespaces = text.replace("http://www.w3.org/2000/svg", "");
            assertFalse(
                    withoutNamespaces.contains("http://") || withoutNamespaces.contains("https://"),
                    file + " names no other site");
        }
    }

    @Test
    void answersAreGzippedForTheBrowsersThatAskAndPlainForTheOthers() throws Exception {
        serve();
        aHistory();
        for (String path : List.of("/", "/app.js", "/app.css", "/lib/uPlot.iife.min.js", "/api/owners/alex/sessions")) {
            HttpResponse<byte[]> plain = getBytes(path);
            assertEquals(200, plain.statusCode(), path);
            assertEquals(Optional.empty(), plain.headers().firstValue("Content-Encoding"), path + " unasked");
            assertEquals(Optional.of("Accept-Encoding"), plain.headers().firstValue("Vary"), path);

            HttpResponse<byte[]> zipped = getBytes(path, "Accept-Encoding", "gzip, deflate, br");
            assertEquals(Optional.of("gzip"), zipped.headers().firstValue("Content-Encoding"), path);
            assertEquals(Optional.of("Accept-Encoding"), zipped.headers().firstValue("Vary"), path);
            byte[] unzipped =
                    new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body())).readAllBytes();
            assertArrayEquals(plain.body(), unzipped, path + ": the same bytes");
            assertTrue(
                    zipped.body().length < plain.body().length / 2,
                    path + ": " + zipped.body().length + " of " + plain.body().length + " bytes");
        }
        // Refused with q=0, and too small to gain: plain.
        assertEquals(
                Optional.empty(),
                getBytes("/app.js", "Accept-Encoding", "gzip;q=0, identity")
                        .headers()
                        .firstValue("Content-Encoding"));
        assertEquals(
                Optional.empty(),
                getBytes("/favicon.svg", "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding"));
    }

    private HttpResponse<byte[]> getBytes(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void sessionsAreTheObjectsHistoryPrintsAndNowIsTheGatewaysClock() throws Exception {
        serve();
        aHistory();
        JsonNode sessions = json("/api/owners/alex/sessions");
        List<RecordedSession> stored =
                history.sessions().list(HistoryQuery.all().withOwner("alex"));
        assertEquals(3, sessions.size());
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(
                    SessionJson.write(SessionJson.toJson(stored.get(i), BERLIN)), SessionJson.write(sessions.get(i)));
        }
        assertEquals(2, json("/api/owners/alex/sessions?since=2026-01-24").size());

        JsonNode today = json("/api/owners/alex/today");
        assertEquals("2026-02-01T20:00:00+01:00", today.get("at").asText(), "the gateway's clock, in alex's zone");
        JsonNode cheeks = area(today, "cheeks");
        assertFalse(cheeks.get("safeNow").asBoolean());
        assertEquals(
                gateway.status(household.owner("alex").orElseThrow()).stream()
                        .filter(a -> a.area() == Area.CHEEKS)
                        .findFirst()
                        .orElseThrow()
                        .nextSafe()
                        .orElseThrow()
                        .at()
                        .map(t -> SessionJson.time(t, BERLIN))
                        .orElseThrow(),
                cheeks.get("nextSafe").get("at").asText());
        JsonNode aftercare = today.get("aftercare");
        assertEquals(
                List.of("PEN-2:1", "PEN-1:2", "PEN-1:1"),
                aftercare.findValuesAsText("sessionId"),
                "newest first, each while some advice still runs (sunscreen: 14 days)");
        assertEquals(
                List.of("no-sun", "no-heat", "suitable-products", "no-actives", "sunscreen"),
                aftercare.get(0).get("steps").findValuesAsText("id"),
                "no makeup ended 24 h after the forehead session");
        assertEquals(List.of("sunscreen"), aftercare.get(2).get("steps").findValuesAsText("id"));
        assertEquals(
                Duration.between(clock.instant(), Instant.parse("2026-02-03T19:10:00Z"))
                        .toSeconds(),
                aftercare.get(2).get("steps").get(0).get("secondsLeft").asLong());

        clock.advance(Duration.ofDays(60));
        JsonNode later = json("/api/owners/alex/today");
        assertTrue(area(later, "cheeks").get("safeNow").asBoolean(), "time passed on the gateway's clock");
        assertEquals(0, later.get("aftercare").size());
        assertEquals(0, json("/api/owners/alex/findings").size(), "nothing open two months on");
    }

    private static JsonNode area(JsonNode today, String id) {
        for (JsonNode a : today.get("areas")) {
            if (a.get("area").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no " + id + " in " + today);
    }

    @Test
    void spacingFindingsLimitsPensAndOverview() throws Exception {
        serve();
        aHistory();
        JsonNode spacing = json("/api/owners/alex/spacing");
        assertEquals(3, spacing.size());
        JsonNode second = spacing.get(1);
        assertEquals("PEN-1:2", second.get("sessionId").asText());
        assertEquals("PEN-1:1", second.get("earlier").get("sessionId").asText());
        assertEquals(4, second.get("days").asInt());
        assertEquals(14, second.get("minimumDays").asInt());
        assertTrue(second.get("tooSoon").asBoolean());
        assertTrue(second.get("flagged").asBoolean(), "as spacing.min-interval found");
        assertTrue(spacing.get(0).get("earlier").isNull());

        JsonNode findings = json("/api/owners/alex/findings");
        assertEquals(0, findings.size(), "the too-soon session is older than 7 days");
        clock.advance(Duration.ofDays(-3));
        // 3 days earlier the spacing finding of the 24th is within the last 7 days: open, with its evidence.
        JsonNode open = json("/api/owners/alex/findings");
        assertEquals("spacing.min-interval", open.get(0).get("rule").asText());
        assertEquals("PEN-1:2", open.get(0).get("sessionId").asText());
        assertEquals("P", open.get(0).get("evidence").get(0).get("label").asText());
        assertEquals(
                "primary clinical literature",
                open.get(0).get("evidence").get(0).get("meaning").asText());

        JsonNode limits = json("/api/owners/alex/limits");
        assertEquals(0.5, limits.get("home").get("warningAboveMm").asDouble());
        assertEquals(1.0, limits.get("home").get("criticalAboveMm").asDouble());

        JsonNode pens = json("/api/pens");
        assertEquals(2, pens.get("pens").size());
        JsonNode pen1 = pens.get("pens").get(0);
        assertEquals("PEN-1", pen1.get("serial").asText());
        assertFalse(pen1.get("connected").asBoolean());
        assertTrue(pen1.get("waiting").isNull(), "unknown while it is away");
        assertEquals("PEN-1:2", pen1.get("lastSession").get("sessionId").asText());
        assertEquals("tcp://broker:1883", pens.get("mqtt").get("broker").asText());
        assertEquals(3, pens.get("mqtt").get("outbox").asInt());

        JsonNode overview = json("/api/overview");
        assertEquals(List.of("alex"), overview.get("owners").findValuesAsText("id"), "the implicit 'me' is unused");
    }

    @Test
    void badRequestsSayWhatToChange() throws Exception {
        serve();
        HttpResponse<String> nobody = get("/api/owners/kim/today");
        assertEquals(404, nobody.statusCode());
        assertTrue(nobody.body().contains("no owner 'kim'; known: alex"), nobody.body());
        HttpResponse<String> since = get("/api/owners/alex/sessions?since=yesterday");
        assertEquals(400, since.statusCode());
        assertTrue(since.body().contains("'yesterday' is not a date; use since=2026-01-05"), since.body());
        assertEquals(404, get("/api/owners/alex/everything").statusCode());
        assertEquals(405, post("/api/overview", "application/json", "{}").statusCode(), "read-only");
    }

    @Test
    void aRequestTooLargeIsToldTheLimit() throws Exception {
        serve();
        String large = "{\"area\": \"neck\", \"depth\": \"0.25\", \"cartridge\": \"" + "C".repeat(5000) + "\"}";
        HttpResponse<String> refused = post(
                "/api/owners/alex/log",
                "application/json",
                large,
                "Origin",
                "http://127.0.0.1:" + dashboard.port(),
                "Sec-Fetch-Site",
                "same-origin");
        assertEquals(413, refused.statusCode());
        assertEquals(
                "the request body has " + large.length() + " bytes; the dashboard takes at most 4096 (4 KB)",
                error(refused));
        assertEquals(0, history.sessions().list(HistoryQuery.all()).size(), "nothing logged");
    }

    @Test
    void anAreaChosenHereGoesThroughTheGatewayAsAreaSetDoes() throws Exception {
        serve();
        HttpResponse<String> chosen = post("/api/pens/PEN-1/area", "application/json", "{\"area\":\"neck\"}");
        assertEquals(200, chosen.statusCode(), chosen.body());
        assertEquals(Optional.of(Area.NECK), history.areas().chosenArea("PEN-1"));
        Await.until(
                () -> {
                    try {
                        return json("/api/pens")
                                .get("pens")
                                .get(0)
                                .get("area")
                                .asText()
                                .equals("neck");
                    } catch (Exception e) {
                        return false;
                    }
                },
                Duration.ofSeconds(5),
                "the pens' API showing the chosen area");

        HttpResponse<String> notAnArea = post("/api/pens/PEN-1/area", "application/json", "{\"area\":\"knee\"}");
        assertEquals(400, notAnArea.statusCode());
        assertTrue(notAnArea.body().contains("'knee' is not an area; use one of:"), notAnArea.body());
        assertEquals(
                404,
                post("/api/pens/PEN-9/area", "application/json", "{\"area\":\"neck\"}")
                        .statusCode());
        HttpResponse<String> notJson = post("/api/pens/PEN-1/area", "application/json", "area=neck");
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().contains("send {"), notJson.body());
        // What another site's page could send: a form, or a request naming its own origin.
        assertEquals(
                415,
                post("/api/pens/PEN-1/area", "text/plain", "{\"area\":\"body\"}")
                        .statusCode());
        assertEquals(
                403,
                post("/api/pens/PEN-1/area", "application/json", "{\"area\":\"body\"}", "Origin", "http://evil.example")
                        .statusCode());
        assertEquals(
                403,
                post("/api/pens/PEN-1/area", "application/json", "{\"area\":\"body\"}", "Sec-Fetch-Site", "cross-site")
                        .statusCode());
        assertEquals(Optional.of(Area.NECK), history.areas().chosenArea("PEN-1"), "none of them changed it");
    }

    // --- a session logged by hand ------------------------------------------------------------------

    private HttpResponse<String> logByHand(String json, String... headers) throws Exception {
        return post("/api/owners/alex/log", "application/json", json, headers);
    }

    /** The waiting MQTT messages, each valid against its schema, then taken out (as if published). */
    private List<OutboundMessage> published() throws IOException {
        List<OutboundMessage> messages = outbox.waiting();
        for (OutboundMessage m : messages) {
            PayloadSchemas.assertValid(m.topic(), SessionJson.MAPPER.readTree(m.payload()));
        }
        outbox.oldest(Integer.MAX_VALUE).forEach(e -> outbox.acknowledge(e.id()));
        return messages;
    }

    private static List<String> rules(JsonNode findings) {
        List<String> rules = new java.util.ArrayList<>();
        findings.forEach(
                f -> rules.add(f.get("severity").asText() + " " + f.get("rule").asText()));
        return rules;
    }

    @Test
    void aSessionLoggedOnThePageIsJudgedStoredAndPublishedAsNeedleguardLogDoesIt() throws Exception {
        serve();
        aHistory();
        published();
        HttpResponse<String> response = logByHand(
                "{\"area\": \"cheeks\", \"device\": \"roller-1\", \"duration\": \"8m\", \"cartridge\": \"R-1\"}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode answer = SessionJson.MAPPER.readTree(response.body());

        // Stored, and answered as the history prints it: a roller's depth, ended now on the gateway's clock.
        RecordedSession stored =
                history.sessions().find(SessionId.parse("hand-1")).orElseThrow();
        assertEquals(SessionJson.write(SessionJson.toJson(stored, BERLIN)), SessionJson.write(answer.get("session")));
        JsonNode session = answer.get("session");
        assertEquals("hand", session.get("recordedBy").asText());
        assertTrue(session.get("pen").isNull());
        assertEquals("roller-1", session.get("device").asText());
        assertEquals(0.5, session.get("depthMm").asDouble(), "the roller's needle length");
        assertEquals("2026-02-01T19:52:00+01:00", session.get("start").asText(), "8 minutes that ended at 20:00");
        assertEquals(480, session.get("durationS").asInt());
        assertEquals("R-1", session.get("cartridge").asText());
        assertTrue(session.get("strokeHz").isNull(), "nobody measured one");

        // Judged: the third cheeks session in 13 days, 8 days after the 0.50 mm one of the 24th (too soon); a
        // roller has no stroke rate to check, and its head's id is given.
        assertEquals(
                List.of("warning overuse.frequency", "warning spacing.min-interval"), rules(session.get("findings")));

        // The next safe time is the one needleguard status gives now.
        var cheeks = gateway.status(household.owner("alex").orElseThrow()).stream()
                .filter(a -> a.area() == Area.CHEEKS)
                .findFirst()
                .orElseThrow()
                .nextSafe()
                .orElseThrow();
        assertFalse(answer.get("safeNow").asBoolean());
        assertEquals(
                cheeks.at().map(t -> SessionJson.time(t, BERLIN)).orElseThrow(),
                answer.get("nextSafe").get("at").asText());
        assertEquals(cheeks.rule(), answer.get("nextSafe").get("rule").asText());
        assertEquals(cheeks.reason(), answer.get("nextSafe").get("reason").asText());
        assertEquals(
                answer.get("nextSafe").get("at"),
                area(json("/api/owners/alex/today"), "cheeks").get("nextSafe").get("at"));
        assertEquals(0, answer.get("rejudged").size(), "nothing came after it");
        assertEquals(4, json("/api/owners/alex/sessions").size());

        // Published as the command line's entry is: the session and its alert under alex, marked as by hand.
        List<OutboundMessage> messages = published();
        OutboundMessage sessionMessage = messages.stream()
                .filter(m -> m.topic().equals("needleguard/alex/session"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session message: " + messages));
        JsonNode payload = SessionJson.MAPPER.readTree(sessionMessage.payload());
        assertEquals("hand-1", payload.get("sessionId").asText());
        assertEquals("hand", payload.get("recordedBy").asText());
        assertTrue(
                messages.stream().anyMatch(m -> m.topic().equals("needleguard/alex/alert")),
                "its critical finding is an alert: " + messages);
    }

    @Test
    void aLateEntryJudgesTheSessionsAfterItAgainAndAPenWithoutBluetoothNeedsItsDepth() throws Exception {
        serve();
        aHistory();
        // Forehead at 0.25 mm on the 29th: the pen's forehead session of the 31st now comes 2 days after it.
        HttpResponse<String> response = logByHand(
                "{\"area\": \"forehead\", \"device\": \"pen-3\", \"depth\": \"0.25\", \"at\": \"2026-01-29T19:00\","
                        + " \"duration\": \"\", \"cartridge\": \"\"}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode answer = SessionJson.MAPPER.readTree(response.body());
        assertEquals(
                "2026-01-29T19:00:00+01:00", answer.get("session").get("start").asText(), "in alex's zone");
        assertTrue(answer.get("session").get("durationS").isNull(), "an empty field is one left out");
        assertEquals("", answer.get("session").get("cartridge").asText());
        assertEquals(
                List.of("PEN-2:1"), answer.get("rejudged").findValuesAsText("sessionId"), "the pen's session after it");
        assertTrue(
                rules(answer.get("rejudged").get(0).get("findings")).contains("warning spacing.min-interval"),
                "2 days after the entry, at 0.25 mm: " + answer.get("rejudged"));
        assertEquals(
                rules(answer.get("rejudged").get(0).get("findings")),
                history.sessions().find(new SessionId("PEN-2", 1)).orElseThrow().findings().stream()
                        .map(f -> f.severity().id() + " " + f.rule())
                        .toList());

        HttpResponse<String> noDepth = logByHand("{\"area\": \"neck\", \"device\": \"pen-3\"}");
        assertEquals(400, noDepth.statusCode());
        assertEquals(
                "the depth is missing: give the needle depth in mm (pen-3 is a pen: its depth is set for each session)",
                error(noDepth));
    }

    private static String error(HttpResponse<String> response) throws IOException {
        return SessionJson.MAPPER.readTree(response.body()).get("error").asText();
    }

    @Test
    void whatCannotBeASessionIsRefusedInTheCommandLinesWordsAndNothingIsStoredOrPublished() throws Exception {
        serve();
        aHistory();
        published();
        int before = history.sessions().list(HistoryQuery.all()).size();
        // The hand log's own refusals: the very words 'needleguard log' prints after 'needleguard: '.
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(
                "{\"area\": \"cheeks\", \"depth\": \"3.5\"}",
                "a depth of 3.50 mm is out of range: give 0.01 to 3.00 mm (no needling device for the skin goes"
                        + " deeper than 3 mm)");
        refused.put(
                "{\"area\": \"cheeks\", \"depth\": \"0.5\", \"at\": \"2026-02-01T20:05\"}",
                "the session would start on Sun 1 Feb 2026 20:05 (Europe/Berlin), 5 minutes from now: log a session"
                        + " once it has happened, with the time it started, or without a time for one that ended just"
                        + " now");
        refused.put(
                "{\"area\": \"cheeks\", \"device\": \"roller-1\", \"depth\": \"0.25\"}",
                "roller-1's needles are 0.50 mm long, not 0.25 mm: leave the depth out (a roller's depth is its needle"
                        + " length), or name the roller you used");
        refused.put(
                "{\"area\": \"cheeks\"}",
                "the depth is missing: give the needle depth in mm, or name a roller configured under devices:");
        refused.put(
                "{\"area\": \"\", \"depth\": \"0.5\"}",
                "the area is missing: say where the skin was needled, one of: unspecified, forehead, periorbital,"
                        + " eyelids, nose, upper-lip, cheeks, chin, jawline, neck, decollete, hands, body");
        refused.put(
                "{\"area\": \"cheeks\", \"device\": \"rolr-1\"}",
                "'rolr-1' is not a device of this household; known: roller-1, pen-3 (devices: in the configuration)");
        // What does not parse: the command line's words, with the form's field where it names its option.
        refused.put(
                "{\"area\": \"cheek\", \"depth\": \"0.5\"}",
                "area: 'cheek' is not an area (did you mean 'cheeks'?); use one of: unspecified, forehead,"
                        + " periorbital, eyelids, nose, upper-lip, cheeks, chin, jawline, neck, decollete, hands, body");
        refused.put(
                "{\"area\": \"cheeks\", \"depth\": \"0.123\"}",
                "depth: 0.123 mm cannot be set on a device; give the depth in mm with at most two decimals, e.g. 0.25");
        refused.put(
                "{\"area\": \"cheeks\", \"depth\": \"0.5\", \"duration\": \"ten minutes\"}",
                "duration: 'ten minutes' is not a duration; use a duration such as 10m, 90s or 1h30m");
        refused.put(
                "{\"area\": \"cheeks\", \"depth\": \"0.5\", \"at\": \"2026-02-01\"}",
                "at: '2026-02-01' is a day without a time; use a date-time such as 2026-11-28T20:15 or 2026-11-28 20:15"
                        + " (in the person's time zone) or 2026-11-28T20:15:00+01:00");
        // And what is not the form.
        refused.put(
                "{\"area\": \"cheeks\", \"depth\": \"0.5\", \"owner\": \"sam\"}",
                "'owner' is not a field of the form; send area, depth, device, duration, at, cartridge (the person is"
                        + " the one in the path)");
        refused.put(
                "{\"area\": \"cheeks\", \"depth\": [0.5]}",
                "depth: send it as text, as typed in the form (or a number)");
        refused.put(
                "area=cheeks",
                "send one JSON object such as {\"area\": \"cheeks\", \"depth\": \"0.5\", \"duration\": \"10m\"}");
        try (LogCapture log = new LogCapture(DashboardServer.class)) {
            for (var entry : refused.entrySet()) {
                HttpResponse<String> response = logByHand(entry.getKey());
                assertEquals(400, response.statusCode(), entry.getKey() + ": " + response.body());
                assertEquals(entry.getValue(), error(response), entry.getKey());
            }
            assertTrue(
                    log.messages().stream().noneMatch(m -> m.contains("cheek") || m.contains("mm")),
                    "no area or depth in the log: " + log.messages());
        }
        assertEquals(before, history.sessions().list(HistoryQuery.all()).size(), "nothing stored");
        assertEquals(List.of(), published(), "nothing published");

        // The same session twice (the same person, area and start): the second is refused, naming the first.
        String twice = "{\"area\": \"neck\", \"depth\": 0.25, \"at\": \"2026-02-01T19:30\"}";
        assertEquals(201, logByHand(twice).statusCode());
        HttpResponse<String> again = logByHand(twice);
        assertEquals(400, again.statusCode());
        assertEquals(
                "this session is already logged as hand-1 (alex, neck, Sun 1 Feb 2026 19:30); correct that one"
                        + " (needleguard log edit hand-1) rather than log it twice",
                error(again));
        assertEquals(before + 1, history.sessions().list(HistoryQuery.all()).size());

        assertEquals(
                404,
                post("/api/owners/kim/log", "application/json", "{\"area\": \"neck\"}")
                        .statusCode());
        HttpResponse<String> get = get("/api/owners/alex/log");
        assertEquals(405, get.statusCode());
        assertEquals(Optional.of("POST"), get.headers().firstValue("Allow"));
    }

    @Test
    void anotherSiteCannotLogASession() throws Exception {
        serve();
        String entry = "{\"area\": \"neck\", \"depth\": \"0.25\"}";
        // A form on another site can post text/plain without asking; JSON it cannot, unless the browser asks first.
        assertEquals(415, post("/api/owners/alex/log", "text/plain", entry).statusCode());
        assertEquals(
                415,
                post("/api/owners/alex/log", "application/x-www-form-urlencoded", "area=neck&depth=0.25")
                        .statusCode());
        HttpResponse<String> otherOrigin = logByHand(entry, "Origin", "http://evil.example");
        assertEquals(403, otherOrigin.statusCode());
        assertEquals("a change must come from the dashboard's own page", error(otherOrigin));
        assertEquals(403, logByHand(entry, "Origin", "null").statusCode(), "a sandboxed page");
        assertEquals(403, logByHand(entry, "Sec-Fetch-Site", "cross-site").statusCode());
        assertEquals(403, logByHand(entry, "Sec-Fetch-Site", "same-site").statusCode());
        // A name of another site pointed at this machine (DNS rebinding).
        String rebound = raw(
                "127.0.0.1",
                dashboard.port(),
                "POST /api/owners/alex/log HTTP/1.1",
                "Host: rebound.example:" + dashboard.port(),
                "Content-Type: application/json",
                "Content-Length: 0");
        assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
        assertEquals(0, history.sessions().list(HistoryQuery.all()).size(), "none of them logged anything");
        assertEquals(List.of(), published());

        // The page itself: same origin, as a browser sends it.
        HttpResponse<String> page =
                logByHand(entry, "Origin", "http://127.0.0.1:" + dashboard.port(), "Sec-Fetch-Site", "same-origin");
        assertEquals(201, page.statusCode(), page.body());
    }

    @Test
    void withATokenASessionIsLoggedOnlyWithIt() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        serve(new DashboardSettings(true, InetAddress.getByName("127.0.0.1"), 0, Optional.of(tokenFile)));
        String entry = "{\"area\": \"neck\", \"depth\": \"0.25\"}";
        HttpResponse<String> without = logByHand(entry);
        assertEquals(401, without.statusCode());
        assertEquals(
                401, logByHand(entry, "Authorization", "Bearer not-" + TOKEN).statusCode());
        assertEquals(0, history.sessions().list(HistoryQuery.all()).size(), "nothing logged without the token");
        HttpResponse<String> with = logByHand(entry, "Authorization", "Bearer " + TOKEN);
        assertEquals(201, with.statusCode(), with.body());
        assertEquals(1, history.sessions().list(HistoryQuery.all()).size());
    }

    @Test
    void openPagesHearWhatChanged() throws Exception {
        serve();
        HttpResponse<Stream<String>> stream = http.send(
                HttpRequest.newBuilder(dashboard.url().resolve("/api/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertEquals(
                "text/event-stream; charset=utf-8",
                stream.headers().firstValue("Content-Type").orElseThrow());
        List<String> lines = Collections.synchronizedList(new java.util.ArrayList<>());
        Thread reader = new Thread(() -> stream.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        Await.until(() -> dashboard.openEventStreams() == 1, Duration.ofSeconds(5), "the page's event stream open");
        lines.clear();
        gateway.recorder()
                .record(Sessions.session(
                        "PEN-1", 1, "alex", Instant.parse("2026-01-31T19:00:00Z"), Area.NECK, "0.25", "C-1"));
        Await.until(
                () -> lines.stream().anyMatch(l -> l.startsWith("data: ") && l.contains("\"history\"")),
                Duration.ofSeconds(5),
                "an event names what to fetch again",
                () -> lines);
        assertTrue(lines.contains("event: change"), lines.toString());
    }

    @Test
    void aTakenPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            DashboardException e = assertThrows(
                    DashboardException.class,
                    () -> DashboardServer.start(DashboardSettings.loopback(taken.getLocalPort())));
            assertTrue(
                    e.getMessage().startsWith("cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort()),
                    e.getMessage());
        }
    }

    // --- slow and hostile clients -------------------------------------------------------------------

    /** Short limits, so that a test sees them run out: a second for a request, two for a stalled answer. */
    private static final FrontDoor.Limits QUICK =
            new FrontDoor.Limits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 8, 64);

    /** A connection that sends the start of a request and then nothing. */
    private static Socket halfSent(InetAddress from, InetAddress to, int port, String start) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(to, port), 2000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** What the server answered on {@code socket}, until it closed the connection. */
    private static String answer(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> promptly(String path, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(dashboard.url().resolve(path)).timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoHalfSentRequestsDoNotKeepAnyoneElseWaiting() throws Exception {
        serve();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        String start = "GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard.port() + "\r\n";
        try (Socket first = halfSent(loopback, loopback, dashboard.port(), start);
                Socket second = halfSent(loopback, loopback, dashboard.port(), start)) {
            // They held both of the server's workers, waiting for the end of their headers, for good.
            HttpResponse<String> meanwhile = promptly("/api/overview");
            assertEquals(200, meanwhile.statusCode(), meanwhile.body());
            assertTrue(meanwhile.body().contains("alex"));
        }
    }

    @Test
    void aClientOnTheNetworkHoldsAFewConnectionsForASecondAndNeverTheWholeDashboard() throws Exception {
        InetAddress lan = lanAddress().orElse(null);
        Assumptions.assumeTrue(lan != null, "this machine has no network address other than loopback");
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        serve(
                new DashboardSettings(
                        true, InetAddress.getByName("0.0.0.0"), FreePorts.loopback(), Optional.of(tokenFile)),
                QUICK);
        int port = dashboard.port();
        String start = "GET /api/overview HTTP/1.1\r\nHost: " + lan.getHostAddress() + ":" + port + "\r\n";
        List<Socket> slow = new java.util.ArrayList<>();
        try {
            // Before the token is looked at: twenty half-sent requests from one address of the network.
            for (int i = 0; i < 20; i++) {
                slow.add(halfSent(lan, lan, port, start));
            }
            // Everyone else is served meanwhile: this machine, with the token.
            HttpResponse<String> meanwhile = promptly("/api/overview", "Authorization", "Bearer " + TOKEN);
            assertEquals(200, meanwhile.statusCode(), meanwhile.body());

            // Eight of them wait for the rest of their request; the others were turned away at once.
            String refused = answer(slow.get(19));
            assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
            assertTrue(
                    refused.contains("too many connections from " + lan.getHostAddress() + " (at most 8 at once)"),
                    refused);
            // The eight are answered once their second is up.
            String late = answer(slow.get(0));
            assertTrue(late.startsWith("HTTP/1.1 408"), late);
            assertTrue(late.contains("the request's headers did not arrive within 1 s"), late);
            assertFalse(late.contains("alex"), "no data");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        // Once the door has seen them close, the address may connect again.
        String overview = "http://" + lan.getHostAddress() + ":" + port + "/api/overview";
        Await.until(
                () -> {
                    try {
                        return fromLan(overview, "Authorization", "Bearer " + TOKEN)
                                        .statusCode()
                                == 200;
                    } catch (Exception e) {
                        return false;
                    }
                },
                Duration.ofSeconds(5),
                "the address is let in again");
    }

    @Test
    void aRequestThatTricklesInOrWhoseBodyNeverComesIsCutOff() throws Exception {
        serve(DashboardSettings.loopback(0), QUICK);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // One byte at a time, each well within any wait between bytes: the head as a whole must arrive in time.
        try (Socket trickle = halfSent(loopback, loopback, dashboard.port(), "G")) {
            trickle.setSoTimeout(100);
            String answer = null;
            for (int i = 0; i < 100 && answer == null; i++) {
                try {
                    int first = trickle.getInputStream().read();
                    answer = first < 0 ? "" : (char) first + answer(trickle);
                } catch (java.net.SocketTimeoutException stillWaiting) {
                    trickle.getOutputStream().write('E');
                }
            }
            assertTrue(answer != null && answer.startsWith("HTTP/1.1 408"), "cut off: " + answer);
        }
        String head = "POST /api/owners/alex/log HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"area\"";
        try (Socket body = halfSent(loopback, loopback, dashboard.port(), head)) {
            String answer = answer(body);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("the request's body did not arrive within 1 s"), answer);
        }
        assertEquals(0, history.sessions().list(HistoryQuery.all()).size(), "nothing logged");
    }

    @Test
    void headersOverTheLimitAndBodiesWithoutALengthAreRefusedByTheDoor() throws Exception {
        serve();
        String big = raw(
                "127.0.0.1",
                dashboard.port(),
                "GET /api/overview HTTP/1.1",
                "Host: 127.0.0.1:" + dashboard.port(),
                "X-Filler: " + "x".repeat(9000));
        assertTrue(big.startsWith("HTTP/1.1 431"), big);
        assertTrue(big.contains("the request's headers are over 8192 bytes"), big);
        String chunked = raw(
                "127.0.0.1",
                dashboard.port(),
                "POST /api/owners/alex/log HTTP/1.1",
                "Host: 127.0.0.1:" + dashboard.port(),
                "Transfer-Encoding: chunked");
        assertTrue(chunked.startsWith("HTTP/1.1 411"), chunked);
    }

    // --- who may ask -------------------------------------------------------------------------------

    @Test
    void onLoopbackAnotherMachineCannotConnectAndAnotherHostNameIsRefused() throws Exception {
        serve();
        Optional<InetAddress> lan = lanAddress();
        if (lan.isPresent()) {
            try (Socket socket = new Socket()) {
                assertThrows(
                        ConnectException.class,
                        () -> socket.connect(new InetSocketAddress(lan.get(), dashboard.port()), 2000),
                        "the dashboard listens on 127.0.0.1 only: from " + lan.get() + " there is nothing to reach");
            }
        }
        String answer = raw("127.0.0.1", dashboard.port(), "GET /api/overview HTTP/1.1", "Host: rebound.example");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("answers only as http://127.0.0.1:" + dashboard.port() + "/"), answer);
        assertFalse(answer.contains("owners"), "no data");
        assertTrue(
                raw("127.0.0.1", dashboard.port(), "GET /api/overview HTTP/1.1", "Host: localhost:" + dashboard.port())
                        .startsWith("HTTP/1.1 200"));
    }

    @Test
    void onTheNetworkClientsFromOtherAddressesGetInOnlyWithTheToken() throws Exception {
        InetAddress lan = lanAddress().orElse(null);
        Assumptions.assumeTrue(lan != null, "this machine has no network address other than loopback");
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        serve(new DashboardSettings(
                true, InetAddress.getByName("0.0.0.0"), FreePorts.loopback(), Optional.of(tokenFile)));
        String base = "http://" + lan.getHostAddress() + ":" + dashboard.port();
        try (LogCapture log = new LogCapture(DashboardServer.class)) {
            HttpResponse<String> noToken = fromLan(base + "/api/overview");
            assertEquals(401, noToken.statusCode());
            assertEquals(
                    Optional.of("Bearer realm=\"needleguard\""),
                    noToken.headers().firstValue("WWW-Authenticate"));
            assertFalse(noToken.body().contains("alex"));
            assertEquals(
                    401,
                    fromLan(base + "/api/overview", "Authorization", "Bearer not-" + TOKEN)
                            .statusCode());
            assertEquals(
                    200,
                    fromLan(base + "/api/overview", "Authorization", "Bearer " + TOKEN)
                            .statusCode());

            HttpResponse<String> page = fromLan(base + "/");
            assertEquals(303, page.statusCode());
            assertEquals(Optional.of("/login"), page.headers().firstValue("Location"));
            assertEquals(200, fromLan(base + "/login").statusCode());

            HttpResponse<String> wrong = login(base, "guess-guess-guess-guess");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("That is not the token"), wrong.body());
            HttpResponse<String> right = login(base, TOKEN);
            assertEquals(303, right.statusCode());
            String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertFalse(cookie.contains(TOKEN), "the cookie is not the token");
            String value = cookie.substring(0, cookie.indexOf(';'));
            assertEquals(200, fromLan(base + "/api/pens", "Cookie", value).statusCode());
            assertEquals(200, fromLan(base + "/", "Cookie", value).statusCode());

            assertTrue(
                    log.count("a login from " + lan.getHostAddress() + " was refused") == 1,
                    log.messages().toString());
            assertTrue(log.messages().stream().noneMatch(m -> m.contains(TOKEN)), "the token is never logged");
        }
    }

    private HttpResponse<String> fromLan(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String base, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** This machine's first IPv4 address that is not loopback, if it has one. */
    private static Optional<InetAddress> lanAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    /** A request written by hand, for headers Java's HTTP client will not send (Host). */
    private static String raw(String host, int port, String requestLine, String... headers) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder(requestLine).append("\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        }
    }
}
