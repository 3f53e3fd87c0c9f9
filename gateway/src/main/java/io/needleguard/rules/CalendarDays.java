package io.needleguard.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Days as users see them on their calendar, in the owner's time zone: a routine at the same local
 * time every N days keeps passing across daylight-saving changes, which 24-hour arithmetic would not.
 */
final class CalendarDays {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private CalendarDays() {}

    static LocalDate dateOf(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    static long between(Instant earlier, Instant later, ZoneId zone) {
        return ChronoUnit.DAYS.between(dateOf(earlier, zone), dateOf(later, zone));
    }

    /** The first moment of the day {@code days} calendar days after the day of {@code from}. */
    static Instant startOfDayAfter(Instant from, long days, ZoneId zone) {
        return dateOf(from, zone).plusDays(days).atStartOfDay(zone).toInstant();
    }

    static Instant startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    /** {@code Mon 5 Jan 2026}, for messages. */
    static String format(Instant instant, ZoneId zone) {
        return DAY.format(instant.atZone(zone));
    }

    /**
     * {@code Wed 11 Feb 2026} for the start of a day, else with its time, {@code Wed 11 Feb 2026 12:00}:
     * a moment that begins or ends something (a condition ending at noon) is said as exactly as it is.
     */
    static String moment(Instant instant, ZoneId zone) {
        return startsADay(instant, zone) ? format(instant, zone) : format(instant, zone) + " " + time(instant, zone);
    }

    /**
     * The last day of something that ends (exclusively) at {@code end}: the day before when it ends at
     * a day's start, as a date given by its last day does; else the moment it ends, with its time.
     */
    static String lastDayOrMoment(Instant end, ZoneId zone) {
        return startsADay(end, zone) ? format(end.minusSeconds(1), zone) : moment(end, zone);
    }

    static boolean startsADay(Instant instant, ZoneId zone) {
        return instant.equals(startOf(dateOf(instant, zone), zone));
    }

    /** {@code 19:30}, for messages. */
    static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
