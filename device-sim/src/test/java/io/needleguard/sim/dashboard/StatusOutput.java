package io.needleguard.sim.dashboard;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code needleguard status} for one person, read back as a user reads it: for each area, safe now,
 * not at home, or the moment it is safe from, with the rule that says so.
 */
record StatusOutput(Map<String, When> areas) {

    /**
     * One area's line.
     *
     * @param from empty when safe now, never at home, or held back without a date (a condition with no end)
     */
    record When(boolean safeNow, Optional<LocalDateTime> from, String rule) {
        static final When SAFE = new When(true, Optional.empty(), "");
    }

    private static final Pattern HELD =
            Pattern.compile("^  ([a-z, -]+): (from (.+)|not at home|no date)  \\(([a-z.-]+)\\)$");
    private static final DateTimeFormatter CLI = DateTimeFormatter.ofPattern("dd MMM HH:mm yyyy", Locale.ENGLISH);

    static StatusOutput parse(String text, ZonedDateTime at) {
        Map<String, When> areas = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher held = HELD.matcher(line);
            if (held.matches()) {
                Optional<LocalDateTime> from =
                        Optional.ofNullable(held.group(3)).map(t -> dateTime(t, at));
                for (String area : held.group(1).split(", ")) {
                    areas.put(area, new When(false, from, held.group(4)));
                }
            } else if (line.startsWith("  safe now: ")) {
                for (String area : line.substring("  safe now: ".length()).split(", ")) {
                    areas.put(area.strip(), When.SAFE);
                }
            } else if (line.equals("  every area is safe now")) {
                throw new IllegalStateException("status says every area is safe; the test needs the areas named");
            }
        }
        return new StatusOutput(areas);
    }

    /**
     * {@code Wed 04 Feb 00:00}: the year is the one that puts it at or after the status's own time, and
     * the day of the week must be that date's.
     */
    private static LocalDateTime dateTime(String text, ZonedDateTime at) {
        try {
            LocalDateTime sameYear = LocalDateTime.parse(text.substring(4) + " " + at.getYear(), CLI);
            LocalDateTime date =
                    sameYear.isBefore(at.toLocalDateTime().minusDays(1)) ? sameYear.plusYears(1) : sameYear;
            String weekday = date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            if (!text.startsWith(weekday + " ")) {
                throw new IllegalArgumentException(
                        "status printed " + text + ", but " + date.toLocalDate() + " is a " + weekday);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("status printed a time the test cannot read: " + text, e);
        }
    }
}
