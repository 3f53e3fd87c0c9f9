package io.needleguard.rules;

import static io.needleguard.rules.Contexts.at;
import static io.needleguard.rules.Contexts.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.session.Area;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HomeDepthLimitTest {

    private final HomeDepthLimit rule = new HomeDepthLimit();

    @ParameterizedTest(name = "{0} mm -> {1}")
    @CsvSource({
        "0.25, none",
        "0.49, none",
        "0.50, none", // at the limit is not above it
        "0.51, warning",
        "0.75, warning",
        "1.00, warning", // at the critical limit is still only a warning
        "1.01, critical",
        "3.00, critical"
    })
    void flagsOnlyDepthsAboveEachLimit(String depth, String expected) {
        List<Finding> findings = rule.check(context(at("2026-01-05T19:00", Area.CHEEKS, depth, 1)));
        if (expected.equals("none")) {
            assertEquals(List.of(), findings);
            return;
        }
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals("depth.home-limit", f.rule());
        assertEquals(expected, f.severity().id());
        assertTrue(f.message().contains(depth + " mm"), f.message());
        assertTrue(
                f.message().contains("Use 0.50 mm or less") || f.message().contains("set the pen to 0.50 mm or less"),
                f.message());
        assertTrue(f.nextSafe().isEmpty());
    }
}
