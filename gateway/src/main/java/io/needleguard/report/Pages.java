package io.needleguard.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text and drawings flowing down A4 pages: a cursor that starts a new page when what comes next does
 * not fit, lines wrapped to the width, and a footer on every page once the number of pages is known.
 * Everything in shades of grey.
 */
final class Pages implements AutoCloseable {

    static final float MARGIN = 50;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    private static final float BOTTOM = MARGIN + 24; // room for the footer

    final Fonts fonts;
    private final PDDocument document;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream stream;
    private float y;

    Pages(PDDocument document, Fonts fonts) throws IOException {
        this.document = document;
        this.fonts = fonts;
        newPage();
    }

    PDPageContentStream stream() {
        return stream;
    }

    float y() {
        return y;
    }

    /** Moves the cursor down. */
    void down(float points) {
        y -= points;
    }

    /** Starts a new page unless {@code points} fit below the cursor. */
    void need(float points) throws IOException {
        if (y - points < BOTTOM) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        pages.add(page);
        stream = new PDPageContentStream(document, page);
        y = TOP;
    }

    /** One line at the cursor's height, from {@code x}; the cursor does not move. */
    void text(PDFont font, float size, float x, String text) throws IOException {
        stream.setNonStrokingColor(0f);
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, y - size);
        stream.showText(fonts.printable(text));
        stream.endText();
    }

    /** A paragraph wrapped to {@code width} from {@code x}; the cursor moves below it. */
    void paragraph(PDFont font, float size, float x, float width, String text) throws IOException {
        for (String line : wrap(font, size, width, fonts.printable(text))) {
            need(size * 1.35f);
            text(font, size, x, line);
            down(size * 1.35f);
        }
    }

    /** The lines {@code text} takes at {@code width}, broken at spaces (a word longer than a line is cut). */
    static List<String> wrap(PDFont font, float size, float width, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (Fonts.width(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (Fonts.width(font, size, rest) > width && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && Fonts.width(font, size, rest.substring(0, cut)) > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** A section heading with a rule under it, kept with {@code keepWith} points of what follows. */
    void heading(String title, float keepWith) throws IOException {
        down(10);
        need(30 + keepWith);
        text(fonts.bold, 13, MARGIN, title);
        down(17);
        stream.setStrokingColor(0f);
        stream.setLineWidth(0.75f);
        stream.moveTo(MARGIN, y);
        stream.lineTo(MARGIN + WIDTH, y);
        stream.stroke();
        down(8);
    }

    /** Writes "page n of m" and {@code note} at the foot of every page. */
    void footers(String note) throws IOException {
        stream.close();
        stream = null;
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream foot = new PDPageContentStream(
                    document, pages.get(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
                foot.setNonStrokingColor(0.25f);
                String page = "page " + (i + 1) + " of " + pages.size();
                float size = 7.5f;
                foot.beginText();
                foot.setFont(fonts.italic, size);
                foot.newLineAtOffset(MARGIN, MARGIN);
                foot.showText(fonts.printable(note));
                foot.endText();
                foot.beginText();
                foot.setFont(fonts.regular, size);
                foot.newLineAtOffset(MARGIN + WIDTH - Fonts.width(fonts.regular, size, page), MARGIN);
                foot.showText(page);
                foot.endText();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
