package io.needleguard.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The report's fonts: Helvetica in three weights, which every PDF reader has (nothing is embedded).
 * They encode WinAnsi only: other characters become the nearest ASCII, or {@code ?}.
 */
final class Fonts {

    final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    final PDFont italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);

    private final Map<Integer, String> printable = new HashMap<>();

    /** {@code text} with every character the fonts cannot show replaced. */
    String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(printable.computeIfAbsent(c, this::replacement)));
        return out.toString();
    }

    private String replacement(int c) {
        if (c < 0x20 || c == 0x7f) {
            return " ";
        }
        String s = new String(Character.toChars(c));
        try {
            regular.encode(s);
            return s;
        } catch (IOException | IllegalArgumentException e) {
            return switch (c) {
                case 0x2264 -> "<=";
                case 0x2265 -> ">=";
                case 0x2192 -> "->";
                case 0x2212 -> "-";
                default -> "?";
            };
        }
    }

    /** The width of {@code text} (printable already) in points. */
    static float width(PDFont font, float size, String text) {
        try {
            return font.getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
