package io.needleguard.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.CpuBudget;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A depth from a decimal number: exact hundredths, and numbers no device can be set to refused at once,
 * however they are written. {@code 1e300000000} is 11 characters; scaling it to hundredths used to build
 * a number of 300 million digits, minutes of CPU on the thread that asked (the MQTT publisher's).
 */
class DepthTest {

    private final CpuBudget budget = new CpuBudget();

    @AfterEach
    void close() {
        budget.close();
    }

    @Test
    void decimalsAreExactHundredths() {
        assertEquals(50, Depth.ofMm("0.5").hundredthsMm());
        assertEquals(50, Depth.ofMm("0.50000000000000000000").hundredthsMm());
        assertEquals(1000, Depth.ofMm("1E+1").hundredthsMm());
        assertEquals(25, Depth.ofMm(new BigDecimal("0.25")).hundredthsMm());
        assertEquals(0, Depth.ofMm("0E+300000000").hundredthsMm());
        assertEquals(50, Depth.ofMm(new BigDecimal("0.5" + "0".repeat(100))).hundredthsMm());
        assertEquals(300, Depth.ofMm(new BigDecimal("3.00E-0")).hundredthsMm());
        assertThrows(IllegalArgumentException.class, () -> Depth.ofMm("0.123"));
        assertThrows(IllegalArgumentException.class, () -> Depth.ofMm("-0.5"));
    }

    @Test
    void numbersOfAbsurdSizeAreRefusedAtOnceWithAShortMessage() {
        for (String written : new String[] {
            "1e300000000",
            "-1e300000000",
            "1e-999999999",
            "-1e-999999999",
            "1e5000000",
            "2147483648",
            "1" + "0".repeat(60),
            "0." + "1".repeat(999),
            "1".repeat(1_001)
        }) {
            Throwable refused = budget.answer(written, () -> Depth.ofMm(new BigDecimal(written)))
                    .thrown();
            assertInstanceOf(IllegalArgumentException.class, refused, written);
            assertTrue(refused.getMessage().length() < 120, refused.getMessage());
        }
        assertEquals(
                "a depth of 1E+300000000 mm is far beyond any device",
                assertThrows(IllegalArgumentException.class, () -> Depth.ofMm("1e300000000"))
                        .getMessage());
    }

    @Test
    void textLongerThanADepthIsNotParsed() {
        String digits = "1".repeat(100_000);
        Throwable refused =
                budget.answer("100,000 digits", () -> Depth.ofMm(digits)).thrown();
        assertEquals("not a depth in mm: '1111111111111111111111111111111111111111…'", refused.getMessage());
    }
}
