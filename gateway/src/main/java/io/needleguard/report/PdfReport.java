package io.needleguard.report;

import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.person.ClinicianReport;
import io.needleguard.person.ClinicianReport.AreaSeries;
import io.needleguard.person.ClinicianReport.CartridgeUse;
import io.needleguard.person.ClinicianReport.Point;
import io.needleguard.person.ClinicianReport.SessionFinding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * The clinician's report as an A4 PDF: the person and the period, what needleguard is (and is not),
 * the sessions per area in a table and as charts of depth over time, every finding with its reason
 * and source, the conditions, the cartridges.
 */
public final class PdfReport {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final float[] AREA_COLUMNS = {0, 95, 150, 235, 320, 410};
    private static final float[] CARTRIDGE_COLUMNS = {0, 110, 165, 255, 345};

    private final ClinicianReport report;
    private final String version;
    private final ZoneId zone;

    private PdfReport(ClinicianReport report, String version) {
        this.report = report;
        this.version = version;
        this.zone = report.owner().zone();
    }

    /**
     * The report's PDF.
     *
     * @param version needleguard's version, named as the report's maker
     */
    public static byte[] render(ClinicianReport report, String version) {
        try (PDDocument document = new PDDocument()) {
            new PdfReport(report, version).write(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the report's PDF: " + e.getMessage(), e);
        }
    }

    private void write(PDDocument document) throws IOException {
        info(document.getDocumentInformation());
        try (Pages pages = new Pages(document, new Fonts())) {
            title(pages);
            areas(pages);
            findings(pages);
            conditions(pages);
            cartridges(pages);
            pages.footers("needleguard informs; it does not diagnose or replace a clinician.  "
                    + report.owner().id() + ", " + report.from() + " to " + report.to());
        }
    }

    private void info(PDDocumentInformation info) {
        info.setTitle("Microneedling at home: " + report.owner().id() + ", " + report.from() + " to " + report.to());
        info.setCreator("needleguard " + version);
        info.setSubject("A report for the clinician");
        Calendar made = new GregorianCalendar(TimeZone.getTimeZone(zone));
        made.setTimeInMillis(report.generatedAt().toEpochMilli());
        info.setCreationDate(made);
    }

    private void title(Pages pages) throws IOException {
        Owner owner = report.owner();
        pages.text(pages.fonts.bold, 18, Pages.MARGIN, "Microneedling at home: a report for the clinician");
        pages.down(28);
        line(
                pages,
                "Person",
                owner.id() + "  (time zone " + zone.getId()
                        + owner.skinType()
                                .map(t -> ", Fitzpatrick skin type " + t.id())
                                .orElse("") + ")");
        line(pages, "Period", report.from() + " to " + report.to() + "  (" + count(report.sessions(), "session") + ")");
        line(pages, "Made", time(report.generatedAt()) + " by needleguard " + version);
        pages.down(8);
        disclaimer(pages);
    }

    private static void line(Pages pages, String label, String value) throws IOException {
        pages.text(pages.fonts.bold, 10, Pages.MARGIN, label);
        pages.text(pages.fonts.regular, 10, Pages.MARGIN + 55, value);
        pages.down(15);
    }

    /** What needleguard is not, in a box no reader can miss. */
    private static void disclaimer(Pages pages) throws IOException {
        float size = 9.5f;
        List<String> lines = Pages.wrap(
                pages.fonts.italic, size, Pages.WIDTH - 20, pages.fonts.printable(ClinicianReport.DISCLAIMER));
        float height = lines.size() * size * 1.35f + 14;
        pages.need(height);
        PDPageContentStream s = pages.stream();
        s.setNonStrokingColor(0.93f);
        s.setStrokingColor(0f);
        s.setLineWidth(1f);
        s.addRect(Pages.MARGIN, pages.y() - height, Pages.WIDTH, height);
        s.fillAndStroke();
        pages.down(7);
        for (String l : lines) {
            pages.text(pages.fonts.italic, size, Pages.MARGIN + 10, l);
            pages.down(size * 1.35f);
        }
        pages.down(7);
    }

    private void areas(Pages pages) throws IOException {
        pages.heading("Sessions per area", 60);
        if (report.areas().isEmpty()) {
            pages.paragraph(pages.fonts.regular, 10, Pages.MARGIN, Pages.WIDTH, "No sessions in this period.");
            return;
        }
        row(pages, pages.fonts.bold, AREA_COLUMNS, "Area", "Sessions", "Depth (mm)", "Limit (mm)", "Findings", "Last");
        for (AreaSeries a : report.areas()) {
            List<Point> points = a.points();
            long warnings = points.stream()
                    .filter(p -> p.worst().equals(Optional.of(Severity.WARNING)))
                    .count();
            long critical = points.stream()
                    .filter(p -> p.worst().equals(Optional.of(Severity.CRITICAL)))
                    .count();
            row(
                    pages,
                    pages.fonts.regular,
                    AREA_COLUMNS,
                    a.area().id(),
                    Integer.toString(points.size()),
                    DepthChart.mm(a.shallowest()) + " to " + DepthChart.mm(a.deepest()),
                    a.limit().map(l -> DepthChart.mm(l.depth())).orElse("-"),
                    (critical == 0 && warnings == 0)
                            ? "none"
                            : (critical > 0 ? critical + " critical " : "")
                                    + (warnings > 0 ? warnings + " warning" : ""),
                    time(points.get(points.size() - 1).start()));
        }
        pages.down(4);
        pages.paragraph(
                pages.fonts.italic,
                8,
                Pages.MARGIN,
                Pages.WIDTH,
                "Findings counts sessions by their most serious finding. Limits at home: " + limits());
        pages.heading("Depth over time", DepthChart.HEIGHT + 20);
        DepthChart.legend(pages);
        // Across the period up to its last session: a period that reaches today after months without
        // sessions would squeeze them into a corner.
        LocalDate last = report.areas().stream()
                .flatMap(a -> a.points().stream())
                .map(p -> p.start().atZone(zone).toLocalDate())
                .max(LocalDate::compareTo)
                .orElse(report.to());
        DepthChart chart = new DepthChart(pages, zone, report.from(), last);
        for (AreaSeries a : report.areas()) {
            chart.draw(a);
        }
    }

    /** {@code 0.25 mm on forehead, nose (source); 0.50 mm on cheeks (source)}: each limit once, with its areas. */
    private String limits() {
        Map<String, List<String>> byLimit = new LinkedHashMap<>();
        for (AreaSeries a : report.areas()) {
            a.limit()
                    .ifPresent(l -> byLimit.computeIfAbsent(
                                    DepthChart.mm(l.depth()) + " mm (" + l.source() + ")", k -> new ArrayList<>())
                            .add(a.area().id()));
        }
        return byLimit.entrySet().stream()
                .map(e -> {
                    int cut = e.getKey().indexOf(' ', e.getKey().indexOf(' ') + 1);
                    return e.getKey().substring(0, cut) + " on " + String.join(", ", e.getValue())
                            + e.getKey().substring(cut);
                })
                .collect(Collectors.joining("; "));
    }

    private void findings(Pages pages) throws IOException {
        pages.heading("Findings, with their reasons and sources", 40);
        if (report.findings().isEmpty()) {
            pages.paragraph(pages.fonts.regular, 10, Pages.MARGIN, Pages.WIDTH, "No findings in this period.");
            return;
        }
        for (SessionFinding f : report.findings()) {
            Session s = f.session();
            pages.need(44);
            Marker.of(Optional.of(f.finding().severity())).draw(pages.stream(), Pages.MARGIN + 4, pages.y() - 4);
            pages.text(
                    pages.fonts.bold,
                    9.5f,
                    Pages.MARGIN + 12,
                    f.finding().severity().id().toUpperCase(Locale.ROOT) + "  "
                            + f.finding().rule());
            pages.text(
                    pages.fonts.regular,
                    9,
                    Pages.MARGIN + 190,
                    time(s.start()) + "  " + s.area().id() + " at " + DepthChart.mm(s.depth()) + " mm"
                            + (s.isHandEntry()
                                    ? "  (logged by hand)"
                                    : "  (pen " + s.pen().orElse("") + ")"));
            pages.down(13);
            pages.paragraph(
                    pages.fonts.regular,
                    9,
                    Pages.MARGIN + 12,
                    Pages.WIDTH - 12,
                    f.finding().message());
            pages.paragraph(
                    pages.fonts.italic,
                    8,
                    Pages.MARGIN + 12,
                    Pages.WIDTH - 12,
                    "Source: " + f.finding().source());
            pages.down(5);
        }
    }

    private void conditions(Pages pages) throws IOException {
        pages.heading("Conditions", 20);
        if (report.conditions().isEmpty()) {
            pages.paragraph(pages.fonts.regular, 10, Pages.MARGIN, Pages.WIDTH, "None recorded for this period.");
            return;
        }
        for (ConditionPeriod c : report.conditions()) {
            String until = c.until()
                    .map(u -> "to " + u.minusSeconds(1).atZone(zone).toLocalDate())
                    .orElse("(still recorded as ongoing)");
            String counts = c.condition() == Condition.ISOTRETINOIN
                    ? c.effectiveEnd(report.isotretinoinMonths(), zone)
                            .map(e -> "; counts until "
                                    + e.minusSeconds(1).atZone(zone).toLocalDate() + " (" + report.isotretinoinMonths()
                                    + " months after the course)")
                            .orElse("")
                    : "";
            pages.paragraph(
                    pages.fonts.regular,
                    10,
                    Pages.MARGIN,
                    Pages.WIDTH,
                    c.condition().id() + " (" + c.condition().kind().name().toLowerCase(Locale.ROOT) + " list): from "
                            + c.from().atZone(zone).toLocalDate() + " " + until + counts);
        }
    }

    private void cartridges(Pages pages) throws IOException {
        pages.heading("Cartridges", 30);
        if (report.cartridges().isEmpty()) {
            pages.paragraph(
                    pages.fonts.regular,
                    10,
                    Pages.MARGIN,
                    Pages.WIDTH,
                    "No cartridge was recorded (a pen that cannot read its cartridge, or sessions logged without one).");
            return;
        }
        row(pages, pages.fonts.bold, CARTRIDGE_COLUMNS, "Cartridge", "Sessions", "First used", "Last used", "Areas");
        for (CartridgeUse c : report.cartridges()) {
            row(
                    pages,
                    c.reused() ? pages.fonts.bold : pages.fonts.regular,
                    CARTRIDGE_COLUMNS,
                    c.cartridge(),
                    c.sessions() + (c.reused() ? " (reused)" : ""),
                    time(c.first()),
                    time(c.last()),
                    c.areas().stream().map(Area::id).collect(Collectors.joining(", ")));
        }
        pages.down(4);
        pages.paragraph(
                pages.fonts.italic,
                8,
                Pages.MARGIN,
                Pages.WIDTH,
                "A cartridge is single-use: one used for more than one session is printed in bold and marked reused.");
    }

    /** One row of a table, each cell cut to its column. */
    private static void row(Pages pages, org.apache.pdfbox.pdmodel.font.PDFont font, float[] columns, String... cells)
            throws IOException {
        float size = 9;
        pages.need(size * 1.5f);
        for (int i = 0; i < cells.length; i++) {
            float width = (i + 1 < columns.length ? columns[i + 1] : Pages.WIDTH) - columns[i] - 6;
            String cell = pages.fonts.printable(cells[i]);
            while (cell.length() > 1 && Fonts.width(font, size, cell) > width) {
                cell = cell.substring(0, cell.length() - 1);
            }
            pages.text(font, size, Pages.MARGIN + columns[i], cell);
        }
        pages.down(size * 1.5f);
    }

    private String time(Instant t) {
        return DAY_TIME.format(t.atZone(zone));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
