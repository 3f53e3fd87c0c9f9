package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.backup.BackupStatus;
import io.needleguard.backup.Frequency;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.Sessions;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.link.PenAllowlist;
import io.needleguard.person.ClinicianReport;
import io.needleguard.report.PdfReport;
import io.needleguard.session.Area;
import io.needleguard.testing.Poppler;
import io.needleguard.testing.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clinician's report from the dashboard ({@code GET /api/owners/{id}/report.pdf}, linked on the page)
 * and the automatic backups' state in the Pens view's JSON.
 */
class DashboardReportTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-02-01T19:00:00Z"));
    private final InMemoryHistory history = new InMemoryHistory();
    private final Household household =
            new Household(List.of(new Owner("alex", BERLIN)), Map.of("PEN-1", "alex"), BERLIN);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ClinicianReport> printed = new ArrayList<>();
    private Gateway gateway;
    private DashboardServer dashboard;
    private BackupStatus backup = BackupStatus.none(Frequency.DAILY);

    @BeforeEach
    void serve() throws Exception {
        dashboard = DashboardServer.start(DashboardSettings.loopback(0));
        gateway = dashboard
                .wire(Gateway.builder()
                        .clock(clock)
                        .backend(new NoPens())
                        .history(history.history())
                        .household(household)
                        .allowlist(PenAllowlist.serials(Set.of("PEN-1")::contains))
                        .pens(() -> Set.of("PEN-1")))
                .build();
        dashboard.serve(
                gateway,
                MqttState.OFF,
                report -> {
                    printed.add(report);
                    return PdfReport.render(report, "0.1.0-test");
                },
                () -> backup);
        gateway.start();
        gateway.recorder()
                .record(Sessions.session(
                        "PEN-1", 1, "alex", Instant.parse("2026-01-20T19:00:00Z"), Area.CHEEKS, "0.5", "C-1"));
        gateway.recorder()
                .record(Sessions.session(
                        "PEN-1", 2, "alex", Instant.parse("2026-01-24T19:00:00Z"), Area.CHEEKS, "0.5", "C-1"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        dashboard.close();
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws Exception {
        return http.send(HttpRequest.newBuilder(dashboard.url().resolve(path)).build(), body);
    }

    @Test
    void theReportIsAPdfOfThePersonsHistoryFromTheDayAsked() throws Exception {
        HttpResponse<byte[]> response =
                get("/api/owners/alex/report.pdf?since=2026-01-21", HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/pdf", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                "attachment; filename=\"needleguard-alex-2026-02-01.pdf\"",
                response.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        ClinicianReport report = printed.get(0);
        assertEquals(java.time.LocalDate.of(2026, 1, 21), report.from());
        assertEquals(1, report.sessions(), "only the session from the day asked");
        Poppler.assumeInstalled();
        Path pdf = Files.write(dir.resolve("from-the-dashboard.pdf"), response.body());
        String text = Poppler.text(pdf).replaceAll("\\s+", " ");
        assertTrue(text.contains("alex (time zone Europe/Berlin)"), text);
        assertTrue(text.contains("cartridge.reuse"), text);
    }

    @Test
    void anUnknownPersonIs404AndTheReportIsOnlyRead() throws Exception {
        assertEquals(
                404,
                get("/api/owners/sam/report.pdf", HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(dashboard.url().resolve("/api/owners/alex/report.pdf"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertTrue(printed.isEmpty());
    }

    @Test
    void thePensViewSaysHowTheAutomaticBackupsStand() throws Exception {
        backup = new BackupStatus(
                Frequency.DAILY,
                Optional.of(Instant.parse("2026-01-31T03:00:00Z")),
                Optional.of("needleguard-20260131-030000.db"),
                Optional.of(Instant.parse("2026-02-01T03:00:00Z")),
                Optional.of("disk full: /media/usb has no room for the backup"));
        JsonNode pens = SessionJson.MAPPER.readTree(
                get("/api/pens", HttpResponse.BodyHandlers.ofString()).body());
        JsonNode b = pens.path("backup");
        assertEquals("daily", b.path("schedule").asText());
        assertEquals("needleguard-20260131-030000.db", b.path("lastFile").asText());
        assertEquals(
                "disk full: /media/usb has no room for the backup",
                b.path("failure").asText());
        assertTrue(b.path("failedAt").asText().startsWith("2026-02-01T"), b.toString());
    }

    @Test
    void thePageLinksTheReport() throws Exception {
        String script = get("/app.js", HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(script.contains("/report.pdf"), "the Findings view links the report");
        assertTrue(script.contains("Report for the clinician (PDF)"));
    }
}
