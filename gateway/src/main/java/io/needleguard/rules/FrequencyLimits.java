package io.needleguard.rules;

import io.needleguard.session.Depth;
import java.util.Objects;

/**
 * How many treatments of one area a person may have in any 7 and any 30 calendar days. The counts
 * depend on how deep the treatments in the window went: all at most {@code lightDepth}, all at most
 * {@code mediumDepth}, or deeper.
 */
public record FrequencyLimits(
        Depth lightDepth,
        Depth mediumDepth,
        int weekLight,
        int weekOther,
        int monthLight,
        int monthMedium,
        int monthOther,
        String source) {

    public FrequencyLimits {
        Objects.requireNonNull(lightDepth, "lightDepth");
        Objects.requireNonNull(mediumDepth, "mediumDepth");
        Objects.requireNonNull(source, "source");
    }

    static FrequencyLimits defaults() {
        return new FrequencyLimits(Depth.ofMm("0.25"), Depth.ofMm("0.5"), 2, 1, 8, 2, 1, Sources.FREQUENCY);
    }

    /** The most treatments allowed in any 7 days when the deepest in the window is {@code deepest}. */
    public int perWeek(Depth deepest) {
        return deepest.isAbove(lightDepth) ? weekOther : weekLight;
    }

    /** The most treatments allowed in any 30 days when the deepest in the window is {@code deepest}. */
    public int perMonth(Depth deepest) {
        if (!deepest.isAbove(lightDepth)) {
            return monthLight;
        }
        return deepest.isAbove(mediumDepth) ? monthOther : monthMedium;
    }
}
