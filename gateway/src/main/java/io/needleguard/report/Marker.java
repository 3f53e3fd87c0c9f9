package io.needleguard.report;

import io.needleguard.rules.Severity;
import java.io.IOException;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * A session's mark on a chart, by its most serious finding: its shape says the severity, so that it
 * reads the same printed in black and white.
 */
enum Marker {
    /** No finding, or only information: a hollow circle. */
    NONE("no finding"),
    /** A warning: a filled triangle. */
    WARNING("warning"),
    /** Critical: a filled square. */
    CRITICAL("critical");

    private static final float SIZE = 3f;
    /** A quarter circle's Bézier handle, as a fraction of the radius. */
    private static final float K = 0.5523f;

    final String label;

    Marker(String label) {
        this.label = label;
    }

    static Marker of(Optional<Severity> worst) {
        return worst.map(s -> switch (s) {
                    case CRITICAL -> CRITICAL;
                    case WARNING -> WARNING;
                    case INFO -> NONE;
                })
                .orElse(NONE);
    }

    void draw(PDPageContentStream s, float x, float y) throws IOException {
        s.setStrokingColor(0f);
        s.setNonStrokingColor(0f);
        s.setLineWidth(0.8f);
        switch (this) {
            case NONE -> {
                float r = SIZE * 0.9f;
                s.setNonStrokingColor(1f);
                s.moveTo(x + r, y);
                s.curveTo(x + r, y + K * r, x + K * r, y + r, x, y + r);
                s.curveTo(x - K * r, y + r, x - r, y + K * r, x - r, y);
                s.curveTo(x - r, y - K * r, x - K * r, y - r, x, y - r);
                s.curveTo(x + K * r, y - r, x + r, y - K * r, x + r, y);
                s.closePath();
                s.fillAndStroke();
            }
            case WARNING -> {
                s.moveTo(x, y + SIZE * 1.2f);
                s.lineTo(x + SIZE * 1.1f, y - SIZE * 0.8f);
                s.lineTo(x - SIZE * 1.1f, y - SIZE * 0.8f);
                s.closePath();
                s.fill();
            }
            case CRITICAL -> {
                s.addRect(x - SIZE, y - SIZE, 2 * SIZE, 2 * SIZE);
                s.fill();
            }
        }
    }
}
