package io.needleguard.sim.scenario;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The ISO-8601 forms of time that scenario files use, parsed to empty rather than to an exception,
 * so a reader can try one form after another and then say what it expected.
 */
final class IsoTime {

    static final String DATE_TIME_EXAMPLE = "2026-01-05T19:00:00+01:00";

    private IsoTime() {}

    /** A date-time with an offset: {@code 2026-01-05T19:00:00+01:00}, {@code 2026-01-05T18:00Z}. */
    static Optional<OffsetDateTime> dateTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A calendar date: {@code 2026-01-10}. */
    static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * An exact duration in days, hours, minutes and seconds: {@code P3DT1H}. A day is 24 hours.
     * Months and weeks have no fixed length and are not accepted.
     */
    static Optional<Duration> duration(String text) {
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A date-time written without its offset, which would make a replay depend on the machine's zone. */
    static boolean lacksOffset(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Pens record Unix seconds, so anything finer cannot be replayed as written. */
    @SuppressWarnings("JavaDurationGetSecondsGetNano") // the adjustment within the second is the fraction
    static boolean hasFractionOfSecond(Duration duration) {
        return duration.getNano() != 0;
    }
}
