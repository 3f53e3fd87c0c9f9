package io.needleguard.history;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a session logged by hand as people type them, the same on the command line, in the
 * MQTT log command and in the dashboard's form: an area id, a depth in mm, a duration such as
 * {@code 10m}, a date-time with or without offset. Each refusal names the option or field it is about
 * and what to type instead; whether the values make a session is {@link io.needleguard.history.HandLog}'s
 * to say.
 */
public final class HandEntryText {

    /** {@code 10m}, {@code 90s}, {@code 1h}, {@code 1h30m}, {@code 1h05m30s}. */
    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d{1,2})h)?(?:(\\d{1,4})m)?(?:(\\d{1,5})s)?");

    /**
     * The longest text read as a depth, a duration or a date-time: longer text is none of them, and is
     * refused before it is parsed.
     */
    private static final int LONGEST_VALUE = 40;

    public static final String DURATION_FORM = "a duration such as 10m, 90s or 1h30m";
    public static final String AT_FORM =
            "a date-time such as 2026-11-28T20:15 or 2026-11-28 20:15 (in the person's time zone) or"
                    + " 2026-11-28T20:15:00+01:00";

    /** {@code 2026-12-05 10:00}, the way {@code history} prints a start, with or without an offset after it. */
    private static final Pattern SPACED = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:.*)$");

    private HandEntryText() {}

    public static Area area(String name, String text) {
        return Area.fromId(text)
                .orElseThrow(() -> new InvalidInputException(name + ": " + Quote.of(text) + " is not an area"
                        + Spelling.suggestion(text, Area.ids()) + "; use one of: " + Area.allIds()));
    }

    public static Depth depth(String name, String text) {
        String t = text.strip();
        try {
            // Text longer than any depth is not parsed: BigDecimal's parsing of a long one costs its square.
            if (t.length() > LONGEST_VALUE) {
                throw new NumberFormatException("too long");
            }
            return depth(name, new BigDecimal(t));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    name + ": " + Quote.of(text) + " is not a number; give the needle depth in mm, e.g. 0.5");
        }
    }

    public static Depth depth(String name, BigDecimal mm) {
        try {
            return Depth.ofMm(mm);
        } catch (IllegalArgumentException e) {
            // A depth beyond what HandLog checks the range of (negative, or far too deep): said the same way.
            // compareTo looks at the magnitudes first, so 1e300000000 costs nothing.
            if (mm.signum() < 0 || mm.compareTo(HandLog.DEEPEST.mm()) > 0) {
                throw new InvalidInputException(name + ": " + Quote.number(mm) + " mm is out of range: give 0.01 to "
                        + HandLog.DEEPEST + " (no needling device for the skin goes deeper than "
                        + HandLog.DEEPEST.mm() + " mm)");
            }
            throw new InvalidInputException(name + ": " + Quote.number(mm)
                    + " mm cannot be set on a device; give the depth in mm with at most two decimals, e.g. 0.25");
        }
    }

    /** {@code 10m}, {@code 1h30m}, {@code 90s}, or ISO-8601 such as {@code PT10M}. */
    public static Duration duration(String name, String text) {
        String t = text.strip();
        if (t.length() > LONGEST_VALUE) {
            throw new InvalidInputException(name + ": " + Quote.of(text) + " is not a duration; use " + DURATION_FORM);
        }
        Matcher m = SHORT_DURATION.matcher(t);
        if (!t.isEmpty() && m.matches()) {
            return Duration.ofHours(number(m.group(1)))
                    .plusMinutes(number(m.group(2)))
                    .plusSeconds(number(m.group(3)));
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + ": " + Quote.of(text) + " is not a duration; use " + DURATION_FORM);
        }
    }

    /** A date-time with an offset (that moment), or without one (in the person's time zone). */
    public static HandEntry.When at(String name, String text) {
        String stripped = text.strip();
        if (stripped.length() > LONGEST_VALUE) {
            throw new InvalidInputException(name + ": " + Quote.of(text) + " is not a date-time; use " + AT_FORM);
        }
        String t = isoDateTime(stripped);
        try {
            return new HandEntry.When.Exactly(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException noOffset) {
            try {
                return new HandEntry.When.OwnersTime(LocalDateTime.parse(t));
            } catch (DateTimeParseException e) {
                String problem = isDate(t) ? " is a day without a time" : " is not a date-time";
                throw new InvalidInputException(name + ": " + Quote.of(text) + problem + "; use " + AT_FORM);
            }
        }
    }

    /**
     * A date-time as people copy it from a listing, {@code 2026-12-05 10:00}, in ISO form
     * ({@code 2026-12-05T10:00}); anything else as it is.
     */
    public static String isoDateTime(String text) {
        Matcher spaced = SPACED.matcher(text);
        return spaced.matches() ? spaced.group(1) + "T" + spaced.group(2) : text;
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
