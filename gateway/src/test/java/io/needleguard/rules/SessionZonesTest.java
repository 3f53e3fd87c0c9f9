package io.needleguard.rules;

import static io.needleguard.rules.Contexts.ME;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sessions of one person recorded in different zones (they moved, or travelled): each session's day is
 * its own zone's; spacing between two of them counts on the later one's calendar (src/docs/safety-rules.md).
 */
class SessionZonesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** A 10-minute 0.25 mm session on the cheeks at a wall-clock time in {@code zone}, stored with that zone. */
    private static Session cheeks(long counter, String local, ZoneId zone) {
        Instant start = LocalDateTime.parse(local).atZone(zone).toInstant();
        return new Session(
                        new SessionId("P", counter),
                        "me",
                        Area.CHEEKS,
                        Depth.ofMm("0.25"),
                        120,
                        start,
                        start.plusSeconds(600),
                        "C-" + counter)
                .inZone(zone);
    }

    private static List<String> rules(Session session, Session... earlier) {
        RuleContext context =
                new RuleContext(session, ME, RuleSettings.defaults(), List.of(earlier), List.of(), List.of());
        return SafetyCheck.standard().check(context).stream().map(Finding::rule).toList();
    }

    @Test
    void anEveningInNewYorkIsOnItsOwnDayForTheWeeksCount() {
        // Thu 1 Jan 23:30 in New York is already Fri 2 Jan in Berlin. Counted on its own day, the window of
        // the 7 days up to Thu 8 Jan (2 to 8 Jan) holds two sessions, the limit at 0.25 mm.
        Session newYorkEvening = cheeks(1, "2026-01-01T23:30", NEW_YORK);
        Session sunday = cheeks(2, "2026-01-04T20:00", BERLIN);
        Session thursday = cheeks(3, "2026-01-08T20:00", BERLIN);
        assertEquals(List.of(), rules(thursday, newYorkEvening, sunday));
    }

    @Test
    void spacingAcrossZonesCountsOnTheLaterSessionsCalendar() {
        // Mon 5 Jan 19:00 in New York is Tue 01:00 in Berlin: Thu 19:00 in Berlin is two days (66 hours)
        // later on the calendar the later session happened on, not the three its own dates would say.
        Session monday = cheeks(1, "2026-01-05T19:00", NEW_YORK);
        Session thursday = cheeks(2, "2026-01-08T19:00", BERLIN);
        assertEquals(List.of("spacing.min-interval"), rules(thursday, monday));
    }
}
