package io.needleguard.cli;

import io.needleguard.history.HandEntryText;
import io.needleguard.history.PlausibleTimes;
import io.needleguard.household.CalendarDays;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Dates and times typed on the command line: a calendar date, or a date-time with or without an
 * offset; without one, it is read in the zone given (the owner's). Only {@link PlausibleTimes}: from
 * 2000 to a few years from now.
 */
final class Dates {

    /** Longer text is no date, and is refused unread. */
    private static final int LONGEST = 40;

    private Dates() {}

    /**
     * {@code 2026-01-05} (the start of that day in {@code zone}), {@code 2026-01-05T19:00} (in
     * {@code zone}) or {@code 2026-01-05T19:00:00+01:00}.
     *
     * @param now what "from now" is measured from: the command's clock
     */
    static Instant parse(String option, String text, ZoneId zone, Instant now) {
        return parse(option, text, zone, now, false);
    }

    /**
     * Like {@link #parse(String, String, ZoneId, Instant)}, but a plain date as an end means the end of
     * that day: {@code --until 2026-01-26} includes the 26th.
     */
    static Instant parseEnd(String option, String text, ZoneId zone, Instant now) {
        return parse(option, text, zone, now, true);
    }

    private static Instant parse(String option, String text, ZoneId zone, Instant now, boolean endOfDay) {
        Instant time = parse(option, text, zone, endOfDay);
        PlausibleTimes.problem(endOfDay ? time.minusSeconds(1) : time, now, zone)
                .ifPresent(problem -> {
                    throw new InvalidInputException(option + ": " + problem);
                });
        return time;
    }

    private static Instant parse(String option, String given, ZoneId zone, boolean endOfDay) {
        String text = given.strip();
        try {
            if (text.length() > LONGEST) {
                throw new DateTimeParseException("too long", "", 0);
            }
            text = HandEntryText.isoDateTime(text);
            try {
                LocalDate date = LocalDate.parse(text);
                return endOfDay ? CalendarDays.endOf(date, zone) : CalendarDays.start(date, zone);
            } catch (DateTimeParseException notADate) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException noOffset) {
                    return LocalDateTime.parse(text).atZone(zone).toInstant();
                }
            }
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(option + ": " + Quote.of(given)
                    + " is not a date or a date-time; use 2026-01-05, 2026-01-05T19:00 or 2026-01-05 19:00"
                    + " (in the owner's time zone, " + zone + ") or 2026-01-05T19:00:00+01:00");
        }
    }
}
