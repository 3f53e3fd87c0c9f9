package io.needleguard.history;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The times people may give needleguard: a date typed as 1970 (a Unix clock at zero) or 2100 (a slip of
 * the finger) is not a day anybody needled or had a cold sore, and once stored it would sit first or last
 * in every listing and count in every rule. The window is wide enough for every real use:
 *
 * <ul>
 *   <li>no earlier than {@link #EARLIEST}: home microneedling pens, and needleguard's history, are younger;
 *   <li>a session that happened ends no later than now (and {@link HandLog#CLOCK_SLACK}; {@link HandLog}
 *       checks that);
 *   <li>any other date (a condition's first or last day, the time {@code status --at} looks at, where a
 *       listing starts) no later than {@link #AHEAD} from now: a course of isotretinoin or a pregnancy
 *       is planned months ahead, not decades.
 * </ul>
 */
public final class PlausibleTimes {

    /** The first day a date may fall on, in the person's time zone. */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    /** How far ahead of now a date that is not a session may be. */
    public static final Period AHEAD = Period.ofYears(5);

    private PlausibleTimes() {}

    /**
     * Why {@code time} is not a time people may give (before {@link #EARLIEST}, or more than {@link #AHEAD}
     * after {@code now}), or empty when it is one. A session is also refused once it would end after now:
     * {@link HandLog} says so in its own words.
     */
    public static Optional<String> problem(Instant time, Instant now, ZoneId zone) {
        if (time.isBefore(earliest(zone))) {
            return Optional.of(tooEarly(time, zone));
        }
        LocalDate latest = now.atZone(zone).toLocalDate().plus(AHEAD);
        if (time.isAfter(latest.plusDays(1).atStartOfDay(zone).toInstant())) {
            return Optional.of(day(time, zone) + " is more than " + AHEAD.getYears() + " years from now; give a date"
                    + " up to " + latest);
        }
        return Optional.empty();
    }

    private static Instant earliest(ZoneId zone) {
        return EARLIEST.atStartOfDay(zone).toInstant();
    }

    private static String tooEarly(Instant time, ZoneId zone) {
        return day(time, zone) + " is before " + EARLIEST + ": needleguard keeps no history from before then;"
                + " check the year";
    }

    /** The day, as people write it; an instant beyond the calendar's last year as the instant. */
    private static String day(Instant time, ZoneId zone) {
        try {
            return time.atZone(zone).toLocalDate().toString();
        } catch (DateTimeException beyondTheCalendar) {
            return time.toString();
        }
    }
}
