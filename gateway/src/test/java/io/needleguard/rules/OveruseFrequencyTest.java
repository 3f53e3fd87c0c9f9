package io.needleguard.rules;

import static io.needleguard.rules.Contexts.BERLIN;
import static io.needleguard.rules.Contexts.at;
import static io.needleguard.rules.Contexts.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OveruseFrequencyTest {

    private final OveruseFrequency rule = new OveruseFrequency();

    /** Sessions on {@code area} at {@code depth} on the given days after 1 March 2026, 19:00. */
    private static List<Session> onDays(Area area, String depth, int... days) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            sessions.add(
                    at(LocalDateTime.parse("2026-03-01T19:00").plusDays(days[i]).toString(), area, depth, i + 1));
        }
        return sessions;
    }

    private List<Finding> judgeLast(List<Session> sessions) {
        Session last = sessions.get(sessions.size() - 1);
        return rule.check(context(last, sessions.subList(0, sessions.size() - 1).toArray(Session[]::new)));
    }

    @Test
    void lightSessionsAllowTwoInAnySevenDays() {
        assertEquals(List.of(), judgeLast(onDays(Area.FOREHEAD, "0.25", 0, 6)));
        assertEquals(List.of(), judgeLast(onDays(Area.FOREHEAD, "0.25", 0, 3, 7))); // day 0 has left the window
        List<Finding> third = judgeLast(onDays(Area.FOREHEAD, "0.25", 0, 3, 6));
        assertEquals(1, third.size());
        assertEquals(Severity.WARNING, third.get(0).severity());
        assertTrue(
                third.get(0).message().startsWith("3rd session on forehead in 7 days"),
                third.get(0).message());
        assertEquals(
                LocalDate.parse("2026-03-11").atStartOfDay(BERLIN).toInstant(),
                third.get(0).nextSafeAt());
    }

    @Test
    void anythingDeeperThanLightAllowsOneInSevenDays() {
        assertEquals(1, judgeLast(onDays(Area.CHEEKS, "0.5", 0, 6)).size());
        assertEquals(1, judgeLast(onDays(Area.CHEEKS, "0.26", 0, 6)).size());
        assertEquals(
                List.of(),
                judgeLast(onDays(Area.CHEEKS, "0.5", 0, 7)).stream()
                        .filter(f -> f.message().contains("in 7 days"))
                        .toList());
    }

    @Test
    void thirtyDaysAllowEightLightTwoMediumOneDeeper() {
        // nine light sessions, never more than two in a week, the ninth within 30 days of the first
        assertEquals(List.of(), judgeLast(onDays(Area.NECK, "0.25", 0, 4, 7, 11, 14, 18, 21, 25)));
        List<Finding> ninth = judgeLast(onDays(Area.NECK, "0.25", 0, 4, 7, 11, 14, 18, 21, 25, 28));
        assertEquals(1, ninth.size());
        assertTrue(ninth.get(0).message().contains("in 30 days"), ninth.get(0).message());

        assertEquals(List.of(), judgeLast(onDays(Area.CHEEKS, "0.5", 0, 14)));
        assertEquals(1, judgeLast(onDays(Area.CHEEKS, "0.5", 0, 14, 28)).size());
        assertEquals(List.of(), judgeLast(onDays(Area.CHEEKS, "0.5", 0, 14, 30)));

        assertEquals(1, judgeLast(onDays(Area.CHIN, "1.0", 0, 29)).size());
        assertEquals(List.of(), judgeLast(onDays(Area.CHIN, "1.0", 0, 30)));
    }

    @Test
    void otherAreasDoNotCountAndAPauseIsOneTreatment() {
        List<Session> sessions = new ArrayList<>(onDays(Area.FOREHEAD, "0.25", 0, 3));
        sessions.add(at("2026-03-05T19:00", Area.NOSE, "0.25", 10));
        sessions.add(at("2026-03-06T19:00", Area.FOREHEAD, "0.25", 11));
        sessions.add(at("2026-03-06T19:20", Area.FOREHEAD, "0.25", 12)); // resumed after a 10-minute pause
        Session resumed = sessions.get(sessions.size() - 1);
        assertEquals(
                List.of(),
                rule.check(context(
                        resumed, sessions.subList(0, sessions.size() - 1).toArray(Session[]::new))),
                "the continuation is not judged again");
        Session started = sessions.get(sessions.size() - 2);
        assertEquals(
                1,
                rule.check(context(
                                started,
                                sessions.subList(0, sessions.size() - 2).toArray(Session[]::new)))
                        .size(),
                "the treatment itself is the 3rd in 7 days");
    }

    @Test
    void anUnspecifiedAreaCountsTogetherWithEveryArea() {
        List<Session> sessions = new ArrayList<>(onDays(Area.FOREHEAD, "0.25", 0));
        sessions.add(at("2026-03-03T19:00", Area.NOSE, "0.25", 2));
        sessions.add(at("2026-03-05T19:00", Area.UNSPECIFIED, "0.25", 3));
        List<Finding> found = judgeLast(sessions);
        assertEquals(1, found.size());
        assertTrue(
                found.get(0)
                        .message()
                        .startsWith("3rd session on any area (an unspecified area overlaps all) in 7 days (Sun 1 Mar"
                                + " forehead, Tue 3 Mar nose, Thu 5 Mar);"),
                "the sessions it lists are on other areas, and it says so: "
                        + found.get(0).message());

        // On a named area, an unspecified session it counts is named as such.
        List<Session> cheeks = new ArrayList<>(onDays(Area.CHEEKS, "0.25", 0));
        cheeks.add(at("2026-03-03T19:00", Area.UNSPECIFIED, "0.25", 2));
        cheeks.add(at("2026-03-05T19:00", Area.CHEEKS, "0.25", 3));
        assertTrue(
                judgeLast(cheeks)
                        .get(0)
                        .message()
                        .startsWith("3rd session on cheeks in 7 days (Sun 1 Mar, Tue 3 Mar unspecified, Thu 5 Mar);"),
                judgeLast(cheeks).toString());
    }

    @Test
    void countsAreSaidInGoodEnglish() {
        List<Session> deep = onDays(Area.CHEEKS, "0.5", 0);
        NextSafe next = rule.nextSafe(new NextSafeQuery(
                        Contexts.ME,
                        Area.CHEEKS,
                        io.needleguard.session.Depth.ofMm("0.5"),
                        deep,
                        List.of(),
                        RuleSettings.defaults(),
                        Contexts.local("2026-03-02T12:00")))
                .orElseThrow();
        assertTrue(next.reason().startsWith("1 session on cheeks in the last 7 days;"), next.reason());
        assertEquals(
                List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"),
                java.util.stream.IntStream.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)
                        .mapToObj(OveruseFrequency::ordinal)
                        .toList());
    }
}
