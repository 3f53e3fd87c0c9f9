package io.needleguard.session;

import io.needleguard.text.Quote;
import java.math.BigDecimal;

/**
 * A needle depth, held exactly in hundredths of a millimetre (the pen profile's unit), so that a
 * comparison with a limit never suffers from binary floating point: 0.25 mm is not above 0.25 mm.
 */
public record Depth(int hundredthsMm) implements Comparable<Depth> {

    /**
     * The most digits a depth is written with: {@code 0.5} followed by a hundred zeros is still half a
     * millimetre (a JSON reader takes numbers of up to 100 digits); a number of thousands is no depth.
     */
    private static final int MOST_DIGITS = 1_000;

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
     *
     * <p>The number's size is checked before any arithmetic: {@code 1e300000000} and {@code 1e-999999999}
     * are a few bytes of text, but scaling them to hundredths works on numbers of hundreds of millions of
     * digits, minutes of CPU for a depth that is refused anyway.
     */
    public static Depth ofMm(BigDecimal mm) {
        if (mm.signum() == 0) {
            return new Depth(0);
        }
        if (mm.precision() > MOST_DIGITS) {
            throw new IllegalArgumentException("a depth is written with at most " + MOST_DIGITS + " digits, not "
                    + mm.precision() + ": " + Quote.number(mm));
        }
        // |mm| < 10^(precision - scale): more than 7 digits before the point is beyond any int of hundredths.
        if ((long) mm.precision() - mm.scale() > 7) {
            throw new IllegalArgumentException("a depth of " + Quote.number(mm) + " mm is far beyond any device");
        }
        // Cheap for at most MOST_DIGITS digits, whatever the exponent: 1e-999999999 has one digit.
        BigDecimal exact = mm.stripTrailingZeros();
        if (exact.scale() > 2) {
            throw new IllegalArgumentException(
                    "a depth has at most two decimals (hundredths of a mm): " + Quote.number(mm));
        }
        // At most 7 digits before the point and 2 after: the hundredths fit in an int.
        return new Depth(exact.movePointRight(2).intValueExact());
    }

    /** A depth in mm as text, e.g. {@code "0.5"}; text longer than a depth is written is refused unread. */
    public static Depth ofMm(String mm) {
        if (mm.length() > MOST_DIGITS) {
            throw new IllegalArgumentException("not a depth in mm: " + Quote.of(mm));
        }
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
