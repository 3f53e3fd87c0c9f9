package io.needleguard.cli;

import io.needleguard.config.HandEntryText;
import io.needleguard.config.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Dates and times typed on the command line: a calendar date, or a date-time with or without an
 * offset; without one, it is read in the zone given (the owner's).
 */
final class Dates {

    private Dates() {}

    /**
     * {@code 2026-01-05} (the start of that day in {@code zone}), {@code 2026-01-05T19:00} or
     * {@code 2026-01-05 19:00} as {@code history} prints it (in {@code zone}) or {@code 2026-01-05T19:00:00+01:00}.
     */
    static Instant parse(String option, String text, ZoneId zone) {
        return parse(option, text, zone, false);
    }

    /**
     * Like {@link #parse(String, String, ZoneId)}, but a plain date as an end means the end of that
     * day: {@code --until 2026-01-26} includes the 26th.
     */
    static Instant parseEnd(String option, String text, ZoneId zone) {
        return parse(option, text, zone, true);
    }

    private static Instant parse(String option, String given, ZoneId zone, boolean endOfDay) {
        String text = HandEntryText.isoDateTime(given.strip());
        try {
            LocalDate date = LocalDate.parse(text);
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException noOffset) {
                try {
                    return LocalDateTime.parse(text).atZone(zone).toInstant();
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException(option + ": '" + given
                            + "' is not a date or a date-time; use 2026-01-05, 2026-01-05T19:00 or 2026-01-05 19:00"
                            + " (in the owner's time zone, " + zone + ") or 2026-01-05T19:00:00+01:00");
                }
            }
        }
    }
}
