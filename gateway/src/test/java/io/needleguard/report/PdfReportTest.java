package io.needleguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.person.ClinicianReport;
import io.needleguard.person.ClinicianReports;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Poppler;
import io.needleguard.testing.TestClock;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clinician's report read as its reader reads it: its text extracted by Poppler's pdftotext, its
 * pages rendered by pdftoppm. Everything the report promises is in the text; the pages are drawn in
 * shades of grey only, so a black-and-white print loses nothing, and the charts are there.
 */
class PdfReportTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-02-02T19:00:00Z");

    @TempDir
    Path temp;

    private ClinicianReport report;

    private static Session session(long n, Area area, String depth, Instant start, String cartridge) {
        return new Session(
                new SessionId("SIM-0001", n),
                "alex",
                area,
                Depth.ofMm(depth),
                120,
                start,
                start.plus(Duration.ofMinutes(9)),
                cartridge);
    }

    @BeforeEach
    void aPersonsMonthOfSessions() {
        Owner alex = new Owner("alex", BERLIN, Optional.of(SkinType.IV));
        Household household = new Household(List.of(alex), Map.of("SIM-0001", "alex"), BERLIN);
        TestClock clock = new TestClock(START.plus(Duration.ofDays(40)));
        try (SqliteStore store = SqliteStore.open(temp.resolve("data"))) {
            SessionRecorder recorder = new SessionRecorder(
                    store.history(), SafetyCheck.standard(), household, clock, RecorderListener.NONE);
            recorder.record(session(1, Area.CHEEKS, "0.5", START, "C-0001"));
            recorder.record(
                    session(2, Area.CHEEKS, "0.75", START.plus(Duration.ofDays(3)), "C-0001")); // too soon, reused
            recorder.record(session(3, Area.FOREHEAD, "0.25", START.plus(Duration.ofDays(7)), "C-0002"));
            recorder.record(session(4, Area.CHEEKS, "1.5", START.plus(Duration.ofDays(21)), "C-0003")); // too deep
            recorder.addCondition(new ConditionPeriod(
                    0,
                    "alex",
                    Condition.ISOTRETINOIN,
                    START.plus(Duration.ofDays(25)),
                    Optional.of(START.plus(Duration.ofDays(30)))));
            report = ClinicianReports.of(
                    alex,
                    store.sessions(),
                    store.conditions(),
                    SafetyCheck.standard().settingsFor(alex),
                    Optional.of(LocalDate.of(2026, 2, 1)),
                    clock.instant());
        }
    }

    private Path pdf() throws Exception {
        return Files.write(temp.resolve("alex.pdf"), PdfReport.render(report, "0.1.0-test"));
    }

    @Test
    void itsTextSaysWhoWhenEveryFindingWithItsReasonAndSourceTheConditionsCartridgesAndWhatItIsNot() throws Exception {
        Poppler.assumeInstalled();
        String text = Poppler.text(pdf()).replaceAll("\\s+", " ");

        assertTrue(text.contains("Microneedling at home: a report for the clinician"), text);
        assertTrue(text.contains("alex (time zone Europe/Berlin, Fitzpatrick skin type IV)"), text);
        assertTrue(text.contains("2026-02-01 to 2026-03-14 (4 sessions)"), text);
        assertTrue(text.contains("needleguard informs; it does not diagnose or replace a clinician"), text);
        assertTrue(text.contains("Sessions per area"), text);
        assertTrue(text.contains("cheeks 3 0.50 to 1.50"), "the area table: " + text);
        assertTrue(text.contains("forehead 1 0.25 to 0.25"), text);
        assertTrue(text.contains("Depth over time"), text);
        assertTrue(
                text.contains("cheeks: 3 sessions, depth (mm) 0.50 to 1.50"), "each area's chart is titled: " + text);
        assertTrue(report.findings().size() >= 3, "the history has findings to print: " + report.findings());
        for (ClinicianReport.SessionFinding f : report.findings()) {
            String message = f.finding().message().replaceAll("\\s+", " ");
            assertTrue(text.contains(f.finding().rule()), f.finding().rule());
            assertTrue(text.contains(message), "the whole reason, wrapped but not cut: " + message + "\n" + text);
            assertTrue(
                    text.contains("Source: " + f.finding().source().replaceAll("\\s+", " ")),
                    f.finding().source());
        }
        assertTrue(text.contains("isotretinoin (block list): from 2026-02-27 to 2026-03-04"), text);
        assertTrue(text.contains("counts until"), "isotretinoin counts for months after the course: " + text);
        assertTrue(text.contains("C-0001 2 (reused)"), "a reused cartridge is marked in words: " + text);
        assertTrue(text.contains("page 1 of "), text);
    }

    @Test
    void itsPagesAreGreyOnlyWithTheChartsDrawn() throws Exception {
        Poppler.assumeInstalled();
        List<Path> pages = Poppler.pages(pdf(), 50);
        assertTrue(pages.size() >= 2, "pages: " + pages);
        long dark = 0;
        for (Path page : pages) {
            BufferedImage image = ImageIO.read(page.toFile());
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    assertTrue(
                            Math.abs(r - g) <= 2 && Math.abs(g - b) <= 2,
                            page.getFileName() + " has colour at " + x + "," + y + ": " + r + "," + g + "," + b);
                    if (r < 100) {
                        dark++;
                    }
                }
            }
        }
        assertTrue(dark > 5_000, "text, axes and markers are drawn: " + dark + " dark pixels");
    }

    @Test
    void aPersonWithoutSessionsGetsAReportThatSaysSo() throws Exception {
        Poppler.assumeInstalled();
        ClinicianReport empty = new ClinicianReport(
                report.owner(),
                LocalDate.of(2026, 4, 1),
                LocalDate.of(2026, 4, 30),
                0,
                List.of(),
                List.of(),
                List.of(),
                6,
                List.of(),
                START.plus(Duration.ofDays(90)));
        Path file = Files.write(temp.resolve("empty.pdf"), PdfReport.render(empty, "0.1.0-test"));
        String text = Poppler.text(file).replaceAll("\\s+", " ");
        assertTrue(text.contains("No sessions in this period."), text);
        assertTrue(text.contains("No findings in this period."), text);
        assertEquals(1, Poppler.pages(file, 30).size());
    }
}
