package io.needleguard.rules;

import static io.needleguard.rules.Contexts.BERLIN;
import static io.needleguard.rules.Contexts.context;
import static io.needleguard.rules.Contexts.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionDurationTest {

    private final SessionDuration rule = new SessionDuration();

    private static Session lasting(String start, Area area, int seconds, long counter) {
        return session(start, area, "0.25", counter, Duration.ofSeconds(seconds), 120, "C-1", "me");
    }

    @ParameterizedTest(name = "{0} s on one area -> {1}")
    @CsvSource({"899, 0", "900, 0", "901, 1", "1200, 1"})
    void oneAreaInOneGoUpToFifteenMinutes(int seconds, int findings) {
        assertEquals(
                findings,
                rule.check(context(lasting("2026-01-05T19:00", Area.CHEEKS, seconds, 1)))
                        .size());
    }

    @Test
    void aSessionLoggedByHandWithoutADurationIsNotCountedAndTheRuleSaysSo() {
        Session hand = Contexts.byHand("2026-01-05T19:20", Area.NECK, "0.25", 1, Optional.empty());
        Session before = lasting("2026-01-05T19:00", Area.CHEEKS, 1200, 1); // 20 minutes today
        List<Finding> found = rule.check(context(hand, before));
        assertEquals(1, found.size(), found.toString());
        assertEquals(Severity.INFO, found.get(0).severity());
        assertTrue(
                found.get(0)
                        .message()
                        .startsWith("No duration: the session was logged by hand without one, so it is not counted"
                                + " against the 15 minutes for one area or the 30 minutes for a day."),
                found.get(0).message());
        assertTrue(found.get(0).message().contains("needleguard log edit hand-1 --duration 10m"));
    }

    @Test
    void aSessionLoggedByHandWithItsDurationCountsLikeAPensSession() {
        Session before = lasting("2026-01-05T19:00", Area.CHEEKS, 1200, 1);
        Session hand = Contexts.byHand("2026-01-05T19:30", Area.NECK, "0.25", 1, Optional.of(Duration.ofMinutes(11)));
        List<Finding> found = rule.check(context(hand, before));
        assertEquals(
                List.of(Severity.WARNING), found.stream().map(Finding::severity).toList());
        assertTrue(found.get(0).message().startsWith("31 minutes of needling on"), found.toString());
    }

    @Test
    void aPauseDoesNotResetTheClockOnTheArea() {
        Session first = lasting("2026-01-05T19:00", Area.CHEEKS, 600, 1); // until 19:10
        Session resumed = lasting("2026-01-05T19:15", Area.CHEEKS, 360, 2); // 16 minutes in all
        Finding f = rule.check(context(resumed, first)).get(0);
        assertTrue(f.message().contains("16 minutes in one go (one treatment, with pauses)"), f.message());
    }

    @ParameterizedTest(name = "a day of {0} s -> {1}")
    @CsvSource({"1800, 0", "1801, 1"})
    void aDayUpToThirtyMinutes(int total, int findings) {
        Session a = lasting("2026-01-05T19:00", Area.FOREHEAD, 600, 1);
        Session b = lasting("2026-01-05T19:20", Area.NOSE, 600, 2);
        Session c = lasting("2026-01-05T19:40", Area.CHIN, total - 1200, 3);
        List<Finding> found = rule.check(context(c, a, b));
        assertEquals(findings, found.size());
        if (findings > 0) {
            assertEquals(
                    LocalDate.parse("2026-01-06").atStartOfDay(BERLIN).toInstant(),
                    found.get(0).nextSafeAt());
            assertTrue(
                    found.get(0).message().contains("on Mon 5 Jan 2026 (3 sessions)"),
                    found.get(0).message());
        }
    }

    @Test
    void yesterdayDoesNotCountToday() {
        Session yesterday = lasting("2026-01-04T23:00", Area.FOREHEAD, 1500, 1);
        assertEquals(List.of(), rule.check(context(lasting("2026-01-05T00:30", Area.NOSE, 600, 2), yesterday)));
    }
}
