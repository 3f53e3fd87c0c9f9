package io.needleguard.session;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A needle depth, held exactly in hundredths of a millimetre (the pen profile's unit), so that a
 * comparison with a limit never suffers from binary floating point: 0.25 mm is not above 0.25 mm.
 */
public record Depth(int hundredthsMm) implements Comparable<Depth> {

    public Depth {
        if (hundredthsMm < 0) {
            throw new IllegalArgumentException("a depth cannot be negative: " + hundredthsMm + " hundredths of a mm");
        }
    }

    public static Depth ofHundredths(int hundredthsMm) {
        return new Depth(hundredthsMm);
    }

    /**
     * A depth from a decimal number of millimetres, e.g. {@code 0.5}. More than two decimals cannot be
     * represented by a pen and are refused rather than rounded.
     */
    public static Depth ofMm(BigDecimal mm) {
        BigDecimal hundredths = mm.movePointRight(2);
        try {
            return new Depth(hundredths.setScale(0, RoundingMode.UNNECESSARY).intValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "a depth has at most two decimals (hundredths of a mm): " + mm.toPlainString());
        }
    }

    public static Depth ofMm(String mm) {
        return ofMm(new BigDecimal(mm));
    }

    /** Millimetres with no trailing zeros: 0.5, 0.25, 1. */
    public BigDecimal mm() {
        BigDecimal mm = BigDecimal.valueOf(hundredthsMm, 2).stripTrailingZeros();
        return mm.scale() < 0 ? mm.setScale(0) : mm;
    }

    public boolean isAbove(Depth limit) {
        return hundredthsMm > limit.hundredthsMm;
    }

    public static Depth deeper(Depth a, Depth b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Depth other) {
        return Integer.compare(hundredthsMm, other.hundredthsMm);
    }

    /** Two decimals, as users read it on a pen: {@code 0.50 mm}. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(hundredthsMm, 2).toPlainString() + " mm";
    }
}
