package io.needleguard.report;

import io.needleguard.person.ClinicianReport.AreaSeries;
import io.needleguard.person.ClinicianReport.Point;
import io.needleguard.session.Depth;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * One area's sessions as depth over time, for print: grey grid, the sessions joined by a thin grey
 * line, each marked by its most serious finding ({@link Marker}), and the depth limit as a dashed line.
 */
final class DepthChart {

    static final float HEIGHT = 150;
    private static final float LEFT = 34;
    private static final float BOTTOM = 16;
    private static final float TOP = 16;
    private static final float RIGHT = 6;

    private final Pages pages;
    private final ZoneId zone;
    private final Instant start;
    private final Instant end;

    /** A chart over the days {@code from} to {@code to}, in the person's time zone. */
    DepthChart(Pages pages, ZoneId zone, LocalDate from, LocalDate to) {
        this.pages = pages;
        this.zone = zone;
        this.start = from.atStartOfDay(zone).toInstant();
        this.end = to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Draws the chart of {@code series} below the cursor, across the page. */
    void draw(AreaSeries series) throws IOException {
        pages.need(HEIGHT + 6);
        PDPageContentStream s = pages.stream();
        float top = pages.y();
        float x0 = Pages.MARGIN + LEFT;
        float x1 = Pages.MARGIN + Pages.WIDTH - RIGHT;
        float y0 = top - HEIGHT + BOTTOM;
        float y1 = top - TOP;
        int n = series.points().size();
        pages.text(
                pages.fonts.bold,
                9,
                Pages.MARGIN,
                series.area().id() + ": " + n + (n == 1 ? " session" : " sessions") + ", depth (mm) "
                        + mm(series.shallowest()) + " to " + mm(series.deepest())
                        + series.limit()
                                .map(l -> "; limit " + mm(l.depth()) + " mm")
                                .orElse(""));
        double max = niceMax(Math.max(
                series.deepest().hundredthsMm(),
                series.limit().map(l -> l.depth().hundredthsMm()).orElse(0)));
        double step = max <= 150 ? 25 : max <= 300 ? 50 : 100;

        // The grid and the depth scale.
        s.setLineWidth(0.4f);
        for (double d = 0; d <= max + 0.5; d += step) {
            float y = y0 + (float) (d / max) * (y1 - y0);
            s.setStrokingColor(0.82f);
            s.moveTo(x0, y);
            s.lineTo(x1, y);
            s.stroke();
            label(mm(Depth.ofHundredths((int) Math.round(d))), x0 - 3, y - 3, true);
        }
        for (Tick t : ticks()) {
            float x = x(t.at(), x0, x1);
            s.setStrokingColor(0.82f);
            s.moveTo(x, y0);
            s.lineTo(x, y1);
            s.stroke();
            label(t.label(), x, y0 - 10, false);
        }

        // The axes.
        s.setStrokingColor(0f);
        s.setLineWidth(0.8f);
        s.moveTo(x0, y1);
        s.lineTo(x0, y0);
        s.lineTo(x1, y0);
        s.stroke();

        // The limit, dashed.
        series.limit().ifPresent(l -> {
            try {
                float y = y0 + (float) (l.depth().hundredthsMm() / max) * (y1 - y0);
                s.setStrokingColor(0f);
                s.setLineWidth(0.9f);
                s.setLineDashPattern(new float[] {4, 3}, 0);
                s.moveTo(x0, y);
                s.lineTo(x1, y);
                s.stroke();
                s.setLineDashPattern(new float[] {}, 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // The sessions: a thin grey line through them, then their markers on top.
        List<float[]> at = new ArrayList<>();
        for (Point p : series.points()) {
            at.add(new float[] {x(p.start(), x0, x1), y0 + (float) (p.depth().hundredthsMm() / max) * (y1 - y0)});
        }
        if (at.size() > 1) {
            s.setStrokingColor(0.55f);
            s.setLineWidth(0.6f);
            s.moveTo(at.get(0)[0], at.get(0)[1]);
            for (float[] p : at.subList(1, at.size())) {
                s.lineTo(p[0], p[1]);
            }
            s.stroke();
        }
        for (int i = 0; i < at.size(); i++) {
            Marker.of(series.points().get(i).worst()).draw(s, at.get(i)[0], at.get(i)[1]);
        }
        pages.down(HEIGHT + 6);
    }

    /** The legend of the markers and the limit line, on one line below the cursor. */
    static void legend(Pages pages) throws IOException {
        pages.need(16);
        PDPageContentStream s = pages.stream();
        float x = Pages.MARGIN;
        float y = pages.y() - 6;
        for (Marker m : Marker.values()) {
            m.draw(s, x + 4, y);
            pages.text(pages.fonts.regular, 8, x + 11, m.label);
            x += 20 + Fonts.width(pages.fonts.regular, 8, m.label);
        }
        s.setStrokingColor(0f);
        s.setLineWidth(0.9f);
        s.setLineDashPattern(new float[] {4, 3}, 0);
        s.moveTo(x, y);
        s.lineTo(x + 22, y);
        s.stroke();
        s.setLineDashPattern(new float[] {}, 0);
        pages.text(pages.fonts.regular, 8, x + 26, "depth limit at home (the area's, or the home limit)");
        pages.down(16);
    }

    private void label(String text, float x, float y, boolean rightAligned) throws IOException {
        PDPageContentStream s = pages.stream();
        float size = 7;
        float width = Fonts.width(pages.fonts.regular, size, text);
        s.setNonStrokingColor(0.2f);
        s.beginText();
        s.setFont(pages.fonts.regular, size);
        s.newLineAtOffset(rightAligned ? x - width : x - width / 2, y);
        s.showText(text);
        s.endText();
    }

    private float x(Instant t, float x0, float x1) {
        double span = end.toEpochMilli() - start.toEpochMilli();
        double f = (t.toEpochMilli() - start.toEpochMilli()) / span;
        return x0 + (float) Math.max(0, Math.min(1, f)) * (x1 - x0);
    }

    private record Tick(Instant at, String label) {}

    /** Weekly ticks for a period up to two months, monthly ones up to two years, yearly beyond. */
    private List<Tick> ticks() {
        LocalDate first = start.atZone(zone).toLocalDate();
        LocalDate last = end.atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(first, last);
        List<Tick> ticks = new ArrayList<>();
        if (days <= 62) {
            long every = days <= 10 ? 1 : 7;
            DateTimeFormatter f = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
            for (LocalDate d = first; d.isBefore(last); d = d.plusDays(every)) {
                ticks.add(new Tick(d.atStartOfDay(zone).toInstant(), f.format(d)));
            }
        } else if (days <= 730) {
            long months = ChronoUnit.MONTHS.between(first.withDayOfMonth(1), last.withDayOfMonth(1));
            long every = Math.max(1, (months + 7) / 8);
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);
            for (LocalDate d = first.withDayOfMonth(1).plusMonths(1); d.isBefore(last); d = d.plusMonths(every)) {
                ticks.add(new Tick(d.atStartOfDay(zone).toInstant(), f.format(d)));
            }
        } else {
            for (LocalDate d = first.withDayOfYear(1).plusYears(1); d.isBefore(last); d = d.plusYears(1)) {
                ticks.add(new Tick(d.atStartOfDay(zone).toInstant(), Integer.toString(d.getYear())));
            }
        }
        return ticks;
    }

    /** A scale a little above the deepest value, on a round number of hundredths. */
    private static double niceMax(int hundredths) {
        int top = (int) Math.ceil(Math.max(hundredths, 25) * 1.15);
        int step = top <= 150 ? 25 : top <= 300 ? 50 : 100;
        return Math.ceil(top / (double) step) * step;
    }

    static String mm(Depth depth) {
        return depth.mm().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
