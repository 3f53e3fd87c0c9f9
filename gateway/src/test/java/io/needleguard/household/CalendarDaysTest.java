package io.needleguard.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CalendarDaysTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aConditionOverTheSpringChangeEndsAtTheNextLocalMidnightNotADayOfHoursLater() {
        LocalDate springForward = LocalDate.of(2026, 3, 29);
        Instant start = CalendarDays.start(springForward, BERLIN);
        Instant end = CalendarDays.endOf(springForward, BERLIN);
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), start);
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), end);
        assertEquals(Duration.ofHours(23), Duration.between(start, end));
    }

    @Test
    void theLastDayOfAnEndIsTheDayBeforeItsMidnightInTheOwnersZone() {
        LocalDate day = LocalDate.of(2026, 10, 25); // the autumn change: 25 hours
        Instant end = CalendarDays.endOf(day, BERLIN);
        assertEquals(day, CalendarDays.lastDay(end, BERLIN));
        assertTrue(CalendarDays.startsADay(end, BERLIN));
        assertFalse(CalendarDays.startsADay(end, ZoneId.of("America/New_York")), "midnight in Berlin is not there");
        // Late on the 31st in New York is already the 1st in Berlin: "today" is the owner's day.
        Instant lateEvening = Instant.parse("2026-01-01T03:30:00Z");
        assertEquals(LocalDate.of(2025, 12, 31), CalendarDays.today(lateEvening, ZoneId.of("America/New_York")));
        assertEquals(LocalDate.of(2026, 1, 1), CalendarDays.today(lateEvening, BERLIN));
    }
}
