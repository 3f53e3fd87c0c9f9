package io.needleguard.rules;

import static io.needleguard.rules.Contexts.BERLIN;
import static io.needleguard.rules.Contexts.at;
import static io.needleguard.rules.Contexts.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinimumSpacingTest {

    private final MinimumSpacing rule = new MinimumSpacing();

    @ParameterizedTest(name = "{0} mm then {1} mm after {2} days -> {3}")
    @CsvSource({
        // the deeper of the two sets the interval: <=0.25 3 days, <=0.5 14, <=1.0 28, deeper 42
        "0.25, 0.25, 3, none",
        "0.25, 0.25, 2, warning",
        "0.25, 0.25, 1, critical", // 1 day is below half of 3
        "0.50, 0.25, 14, none",
        "0.50, 0.25, 13, warning",
        "0.25, 0.50, 7, warning", // 7 is half of 14: not below it
        "0.25, 0.50, 6, critical",
        "0.51, 0.25, 27, warning",
        "1.00, 0.25, 28, none",
        "1.01, 0.25, 41, warning",
        "1.01, 0.25, 42, none",
        "0.26, 0.25, 13, warning"
    }) // 0.26 is above the 0.25 tier
    void intervalsDependOnTheDeeperSession(String firstDepth, String secondDepth, int days, String expected) {
        Session first = at("2026-03-02T19:00", Area.CHEEKS, firstDepth, 1);
        Session second =
                at(LocalDateTime.parse("2026-03-02T19:00").plusDays(days).toString(), Area.CHEEKS, secondDepth, 2);
        List<Finding> findings = rule.check(context(second, first));
        if (expected.equals("none")) {
            assertEquals(List.of(), findings);
        } else {
            assertEquals(1, findings.size(), findings.toString());
            assertEquals(expected, findings.get(0).severity().id());
        }
    }

    @Test
    void daysAreCalendarDaysInTheOwnersZoneAcrossDaylightSaving() {
        // Berlin moves to summer time on 29 March 2026: 14 calendar days are 335 hours, not 336.
        Session before = at("2026-03-22T20:00", Area.CHEEKS, "0.5", 1);
        Session sameLocalTime = at("2026-04-05T20:00", Area.CHEEKS, "0.5", 2);
        Session earlierInTheDay = at("2026-04-05T08:00", Area.CHEEKS, "0.5", 3);
        assertEquals(List.of(), rule.check(context(sameLocalTime, before)));
        assertEquals(List.of(), rule.check(context(earlierInTheDay, before)));
        Session dayBefore = at("2026-04-04T23:30", Area.CHEEKS, "0.5", 4);
        assertEquals(1, rule.check(context(dayBefore, before)).size());
    }

    @Test
    void theNextSafeTimeIsTheStartOfTheAllowedDayAndIsInTheMessage() {
        Session first = at("2026-01-05T19:00", Area.CHEEKS, "0.5", 1);
        Session second = at("2026-01-08T20:00", Area.CHEEKS, "0.5", 2);
        Finding f = rule.check(context(second, first)).get(0);
        assertEquals(LocalDate.parse("2026-01-22").atStartOfDay(BERLIN).toInstant(), f.nextSafeAt());
        assertTrue(f.message().contains("3 days after the 0.50 mm session on cheeks of Mon 5 Jan 2026"), f.message());
        assertTrue(f.message().contains("wait at least 14 days"), f.message());
        assertTrue(f.message().contains("next session on cheeks from Thu 22 Jan 2026"), f.message());
        assertEquals("spacing.min-interval", f.rule());
    }

    @Test
    void otherAreasDoNotCountButAnUnspecifiedAreaOverlapsEveryArea() {
        Session cheeks = at("2026-01-05T19:00", Area.CHEEKS, "0.5", 1);
        assertEquals(List.of(), rule.check(context(at("2026-01-06T19:00", Area.NOSE, "0.5", 2), cheeks)));
        assertEquals(
                1,
                rule.check(context(at("2026-01-06T19:00", Area.UNSPECIFIED, "0.25", 2), cheeks))
                        .size());
        Session unspecified = at("2026-01-05T19:00", Area.UNSPECIFIED, "0.25", 3);
        assertEquals(
                1,
                rule.check(context(at("2026-01-06T19:00", Area.FOREHEAD, "0.25", 4), unspecified))
                        .size());
    }

    @Test
    void aSecondTreatmentTheSameEveningIsCritical() {
        Session first = at("2026-01-05T19:00", Area.NOSE, "0.25", 1);
        Finding f = rule.check(context(at("2026-01-05T22:00", Area.NOSE, "0.25", 2), first))
                .get(0);
        assertEquals(Severity.CRITICAL, f.severity());
        assertTrue(f.message().contains("needled again the same day as the 0.25 mm session on nose"), f.message());
    }

    @Test
    void aPauseOfTheSamePenOnTheSameAreaIsOneTreatmentNotTwo() {
        Session first = at("2026-01-05T19:00", Area.CHEEKS, "0.5", 1); // ends 19:10
        Session resumed = at("2026-01-05T19:25", Area.CHEEKS, "0.5", 2); // 15 min pause
        Session later = at("2026-01-05T20:00", Area.CHEEKS, "0.5", 3); // 50 min after the first ended
        assertEquals(List.of(), rule.check(context(resumed, first)));
        assertEquals(1, rule.check(context(later, first)).size());
    }

    @Test
    void theMostBindingEarlierSessionIsReported() {
        Session deep = at("2026-01-01T19:00", Area.CHEEKS, "1.0", 1); // needs 28 days
        Session shallow = at("2026-01-10T19:00", Area.CHEEKS, "0.25", 2); // needs 3 days
        Session now = at("2026-01-20T19:00", Area.CHEEKS, "0.25", 3);
        Finding f = rule.check(context(now, deep, shallow)).get(0);
        assertTrue(f.message().contains("1.00 mm session"), f.message());
        assertEquals(LocalDate.parse("2026-01-29").atStartOfDay(BERLIN).toInstant(), f.nextSafeAt());
    }
}
