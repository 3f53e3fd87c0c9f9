package io.needleguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.CpuBudget;
import io.needleguard.text.InvalidInputException;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What people type for a session logged by hand (the command line's options, the MQTT log command's and the
 * dashboard form's fields), against what someone could type instead: numbers of absurd size, megabytes of
 * text. Each is refused at once, with a message that quotes a short start of it.
 */
class HandEntryTextTest {

    private static final String MEGABYTE = "x".repeat(1 << 20);

    private final CpuBudget budget = new CpuBudget();

    @AfterEach
    void close() {
        budget.close();
    }

    private String refusal(String input, Callable<?> parse) {
        Throwable refused = budget.answer(input, parse).thrown();
        assertInstanceOf(InvalidInputException.class, refused, input);
        assertTrue(refused.getMessage().length() < 400, refused.getMessage());
        return refused.getMessage();
    }

    @Test
    void aDepthOfAbsurdSizeIsOutOfRange() {
        assertEquals(
                "--depth: 1E+300000000 mm is out of range: give 0.01 to 3.00 mm (no needling device for the skin"
                        + " goes deeper than 3 mm)",
                refusal("1e300000000", () -> HandEntryText.depth("--depth", "1e300000000")));
        assertEquals(
                "depthMm: 1E+5000000 mm is out of range: give 0.01 to 3.00 mm (no needling device for the skin"
                        + " goes deeper than 3 mm)",
                refusal("1e5000000", () -> HandEntryText.depth("depthMm", new BigDecimal("1e5000000"))));
        assertEquals(
                "depth: -1E-999999999 mm is out of range: give 0.01 to 3.00 mm (no needling device for the skin"
                        + " goes deeper than 3 mm)",
                refusal("-1e-999999999", () -> HandEntryText.depth("depth", new BigDecimal("-1e-999999999"))));
        assertEquals(
                "depth: 1E-999999999 mm cannot be set on a device; give the depth in mm with at most two decimals,"
                        + " e.g. 0.25",
                refusal("1e-999999999", () -> HandEntryText.depth("depth", "1e-999999999")));
    }

    @Test
    void megabytesOfTextAreQuotedByTheirStart() {
        String quoted = "'" + "x".repeat(40) + "…'";
        assertEquals(
                "--depth: " + quoted + " is not a number; give the needle depth in mm, e.g. 0.5",
                refusal("a megabyte", () -> HandEntryText.depth("--depth", MEGABYTE)));
        assertEquals(
                "--duration: " + quoted + " is not a duration; use " + HandEntryText.DURATION_FORM,
                refusal("a megabyte", () -> HandEntryText.duration("--duration", MEGABYTE)));
        assertEquals(
                "--at: " + quoted + " is not a date-time; use " + HandEntryText.AT_FORM,
                refusal("a megabyte", () -> HandEntryText.at("--at", MEGABYTE)));
        assertTrue(refusal("a megabyte", () -> HandEntryText.area("--area", MEGABYTE))
                .startsWith("--area: " + quoted + " is not an area; use one of: unspecified,"));
        assertTrue(refusal(
                        "a megabyte of digits",
                        () -> HandEntryText.duration("--duration", "PT" + "9".repeat(1 << 20) + "S"))
                .startsWith("--duration: 'PT9999"));
    }

    @Test
    void controlCharactersInWhatIsQuotedAreEscaped() {
        assertEquals(
                "--area: '\\u001b[2Jcheeks\\nFAKE' is not an area; use one of: " + io.needleguard.session.Area.allIds(),
                refusal("ESC", () -> HandEntryText.area("--area", "\u001b[2Jcheeks\nFAKE")));
    }
}
