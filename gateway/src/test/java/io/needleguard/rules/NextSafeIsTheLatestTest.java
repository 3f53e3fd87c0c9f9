package io.needleguard.rules;

import static io.needleguard.rules.Contexts.BERLIN;
import static io.needleguard.rules.Contexts.at;
import static io.needleguard.rules.Contexts.local;
import static io.needleguard.rules.Contexts.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a finding says about the next session is what {@code status} says: the latest any rule allows,
 * whichever rule found something. And the three counting fixes of the same review: minutes on the day
 * they fall on, isotretinoin months at every month end, treatments by their latest end.
 */
class NextSafeIsTheLatestTest {

    private final SafetyCheck check = SafetyCheck.standard();

    private List<Finding> judge(Session session, List<Session> earlier, List<ConditionPeriod> conditions) {
        return check.check(
                new RuleContext(session, Contexts.ME, RuleSettings.defaults(), earlier, List.of(), conditions));
    }

    private Optional<NextSafe> status(Area area, String depth, List<Session> timeline, String now) {
        return check.nextSafe(new NextSafeQuery(
                Contexts.ME,
                area,
                io.needleguard.session.Depth.ofMm(depth),
                timeline,
                List.of(),
                RuleSettings.defaults(),
                local(now)));
    }

    @Test
    void aSpacingFindingNamesTheDateFrequencyAllowsWhenThatIsLater() {
        Session feb2 = at("2026-02-02T20:00", Area.CHEEKS, "0.5", 1);
        Session feb9 = at("2026-02-09T20:00", Area.CHEEKS, "0.5", 2);

        Finding spacing = judge(feb9, List.of(feb2), List.of()).stream()
                .filter(f -> f.rule().equals(MinimumSpacing.ID))
                .findFirst()
                .orElseThrow();

        // Spacing alone would say 23 February, but a session then is the third in 30 days.
        assertEquals(local("2026-03-04T00:00"), spacing.nextSafeAt());
        assertTrue(
                spacing.message().contains("next session on cheeks from Wed 4 Mar 2026 (overuse.frequency: "),
                spacing.message());
        assertEquals(
                Optional.of(local("2026-03-04T00:00")),
                status(Area.CHEEKS, "0.5", List.of(feb2, feb9), "2026-02-09T20:10")
                        .flatMap(NextSafe::at),
                "the same date status gives");
    }

    @Test
    void aFindingNamesNoDateWhileAnOpenEndedConditionHoldsTheAreaBack() {
        Session feb2 = at("2026-02-02T20:00", Area.CHEEKS, "0.5", 1);
        Session feb9 = at("2026-02-09T20:00", Area.CHEEKS, "0.5", 2);
        ConditionPeriod sunburn =
                new ConditionPeriod(1, "me", Condition.SUNBURN, local("2026-02-08T00:00"), Optional.empty());

        Finding spacing = judge(feb9, List.of(feb2), List.of(sunburn)).stream()
                .filter(f -> f.rule().equals(MinimumSpacing.ID))
                .findFirst()
                .orElseThrow();

        assertNull(spacing.nextSafeAt());
        assertTrue(
                spacing.message()
                        .contains("next session on cheeks: no date (contraindication.active: sunburn (condition #1)"
                                + " since Sun 8 Feb 2026, no end recorded: end it once it is over"),
                spacing.message());
    }

    @Test
    void minutesCountOnTheCalendarDayTheyFallOn() {
        // 23:50 to 00:20 puts 20 minutes on the second day; with 21 more that day, 41 minutes.
        Session aroundMidnight =
                session("2026-01-05T23:50", Area.CHEEKS, "0.25", 1, Duration.ofMinutes(30), 120, "C-1", "me");
        Session after = session("2026-01-06T00:25", Area.FOREHEAD, "0.25", 2, Duration.ofMinutes(21), 120, "C-2", "me");

        List<Finding> found = new SessionDuration()
                .check(Contexts.context(after, aroundMidnight)).stream()
                        .filter(f -> f.message().contains("of needling on"))
                        .toList();

        assertEquals(1, found.size(), found.toString());
        assertTrue(
                found.get(0).message().startsWith("41 minutes of needling on Tue 6 Jan 2026 (2 sessions)"),
                found.get(0).message());
        assertEquals(
                LocalDate.parse("2026-01-07").atStartOfDay(BERLIN).toInstant(),
                found.get(0).nextSafeAt());
        assertTrue(
                new SessionDuration()
                        .check(Contexts.context(aroundMidnight)).stream()
                                .noneMatch(f -> f.message().contains("of needling on")),
                "10 and 20 minutes: neither day is over");
    }

    @Test
    void isotretinoinCoversTheDaySixMonthsAfterTheLastDayAtEveryMonthEnd() {
        Owner me = Contexts.ME;
        ConditionPeriod endingMarch30 = course("2026-01-01", "2026-03-31"); // last day 30 March
        ConditionPeriod endingMarch31 = course("2026-01-01", "2026-04-01"); // last day 31 March
        ConditionPeriod endingJanuary31 = course("2025-10-01", "2026-02-01"); // last day 31 January

        assertTrue(endingMarch30.activeAt(local("2026-09-30T20:00"), 6, me.zone()), "30 September is covered");
        assertFalse(endingMarch30.activeAt(local("2026-10-01T00:00"), 6, me.zone()));
        assertTrue(endingMarch31.activeAt(local("2026-09-30T20:00"), 6, me.zone()), "the clamped day is covered too");
        assertFalse(endingMarch31.activeAt(local("2026-10-01T00:00"), 6, me.zone()));
        assertTrue(endingJanuary31.activeAt(local("2026-07-31T20:00"), 6, me.zone()));
        assertFalse(endingJanuary31.activeAt(local("2026-08-01T00:00"), 6, me.zone()));
    }

    private static ConditionPeriod course(String from, String exclusiveEnd) {
        return new ConditionPeriod(
                1,
                "me",
                Condition.ISOTRETINOIN,
                LocalDate.parse(from).atStartOfDay(BERLIN).toInstant(),
                Optional.of(LocalDate.parse(exclusiveEnd).atStartOfDay(BERLIN).toInstant()));
    }

    @Test
    void aRestartWithinThePauseAfterTheLatestEndContinuesTheTreatmentWhateverPenEndedLast() {
        Session penA = session("2026-01-05T20:00", Area.CHEEKS, "0.25", 1, Duration.ofMinutes(60), 120, "C-1", "me");
        Session penB = session("2026-01-05T20:10", Area.CHEEKS, "0.25", 2, Duration.ofMinutes(5), 120, "C-1", "me");
        // 20 minutes after pen A's part ended at 21:00 (but 65 after pen B's, which started later).
        Session restart = session("2026-01-05T21:20", Area.CHEEKS, "0.25", 3, Duration.ofMinutes(5), 120, "C-1", "me");

        List<Treatment> treatments = Treatment.of(
                List.of(penA, penB, restart),
                RuleSettings.defaults().continuationGap().value());

        assertEquals(1, treatments.size(), treatments.toString());
        assertEquals(local("2026-01-05T21:25"), treatments.get(0).end());
        assertTrue(
                judge(restart, List.of(penA, penB), List.of()).stream()
                        .noneMatch(f -> f.rule().equals(MinimumSpacing.ID)),
                "not a second session on the same day");
    }
}
