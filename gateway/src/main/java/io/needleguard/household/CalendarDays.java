package io.needleguard.household;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Days of a person's calendar as moments, the one place that says what "from" and "until" a day mean for
 * a condition (the command line's and the dashboard's alike): it lasts from the start of its first day in
 * the person's zone to the start of the day after its last (its end is exclusive), however long those
 * days are (a change to or from summer time makes one 23 or 25 hours).
 */
public final class CalendarDays {

    private CalendarDays() {}

    /** The day it is at {@code now} where the person lives. */
    public static LocalDate today(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate();
    }

    /** The moment {@code day} starts in {@code zone}: a condition's start when a first day is given. */
    public static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The exclusive end of {@code lastDay}: the start of the day after it in {@code zone}. */
    public static Instant endOf(LocalDate lastDay, ZoneId zone) {
        return start(lastDay.plusDays(1), zone);
    }

    /** The last day a period ending (exclusively) at {@code exclusiveEnd} includes. */
    public static LocalDate lastDay(Instant exclusiveEnd, ZoneId zone) {
        return today(exclusiveEnd.minusNanos(1), zone);
    }

    /** Whether {@code instant} is the start of a day in {@code zone}, as a date (not a time) gives it. */
    public static boolean startsADay(Instant instant, ZoneId zone) {
        return start(today(instant, zone), zone).equals(instant);
    }
}
