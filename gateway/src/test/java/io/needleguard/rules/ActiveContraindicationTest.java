package io.needleguard.rules;

import static io.needleguard.rules.Contexts.ME;
import static io.needleguard.rules.Contexts.at;
import static io.needleguard.rules.Contexts.context;
import static io.needleguard.rules.Contexts.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.session.Area;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActiveContraindicationTest {

    private final ActiveContraindication rule = new ActiveContraindication();

    private List<Finding> judge(String when, RuleSettings settings, ConditionPeriod... conditions) {
        return rule.check(
                context(at(when, Area.CHEEKS, "0.25", 1), ME, settings, List.of(), List.of(), List.of(conditions)));
    }

    private static ConditionPeriod condition(Condition c, String from, String until) {
        return new ConditionPeriod(
                1, "me", c, local(from), Optional.ofNullable(until).map(Contexts::local));
    }

    @Test
    void aBlockListConditionIsCriticalWhileItLastsAndSaysWhenItEnds() {
        ConditionPeriod sunburn = condition(Condition.SUNBURN, "2026-01-24T00:00", "2026-01-27T00:00");
        assertEquals(List.of(), judge("2026-01-23T23:59", RuleSettings.defaults(), sunburn));
        Finding f = judge("2026-01-26T23:59", RuleSettings.defaults(), sunburn).get(0);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals(local("2026-01-27T00:00"), f.nextSafeAt());
        assertTrue(
                f.message().startsWith("Needled with sunburn (since Sat 24 Jan 2026). Clinic guidance"), f.message());
        assertTrue(f.message().contains("It is recorded as over from Tue 27 Jan 2026"), f.message());
        assertEquals(List.of(), judge("2026-01-27T00:00", RuleSettings.defaults(), sunburn));
    }

    @Test
    void anOpenEndedConditionHasNoDateToGive() {
        Finding f = judge(
                        "2026-03-01T19:00",
                        RuleSettings.defaults(),
                        condition(Condition.COLD_SORE, "2026-02-28T00:00", null))
                .get(0);
        assertNull(f.nextSafeAt());
        assertTrue(f.message().contains("needleguard condition end"), f.message());
    }

    @Test
    void aCautionListConditionIsAWarning() {
        Finding f = judge(
                        "2026-03-01T19:00",
                        RuleSettings.defaults(),
                        condition(Condition.ANTICOAGULANTS, "2025-01-01T00:00", null))
                .get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().startsWith("Needled while taking anticoagulants (since"), f.message());
        assertTrue(f.message().contains("Ask your clinician before needling."), f.message());
    }

    @Test
    void isotretinoinCountsForSixMonthsAfterTheCourseOrAsConfigured() {
        ConditionPeriod course = condition(Condition.ISOTRETINOIN, "2025-09-01T00:00", "2026-01-01T00:00");
        Finding f = judge("2026-06-30T19:00", RuleSettings.defaults(), course).get(0);
        assertEquals(local("2026-07-01T00:00"), f.nextSafeAt());
        assertTrue(f.source().contains("6 months"), f.source());
        assertEquals(List.of(), judge("2026-07-01T00:00", RuleSettings.defaults(), course));

        RuleSettings none = RuleSettings.defaults().toBuilder()
                .isotretinoinMonths(Sourced.of(0, "your configuration (rules.isotretinoin-months)"))
                .build();
        assertEquals(List.of(), judge("2026-01-02T19:00", none, course));
        assertEquals(1, judge("2025-12-31T19:00", none, course).size());
    }

    @Test
    void aConditionEndingAtATimeOfDayFlagsTheMinuteBeforeAndSaysThatMomentNotTheDay() {
        ConditionPeriod sunburn = condition(Condition.SUNBURN, "2026-02-09T00:00", "2026-02-11T12:00");
        Finding f = judge("2026-02-11T11:59", RuleSettings.defaults(), sunburn).get(0);
        assertEquals(local("2026-02-11T12:00"), f.nextSafeAt());
        assertTrue(f.message().contains("It is recorded as over from Wed 11 Feb 2026 12:00"), f.message());
        assertEquals(List.of(), judge("2026-02-11T12:00", RuleSettings.defaults(), sunburn));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Condition.class)
    void noConditionIsSaidToBeSafeAgainAndEachSaysItsOwnSource(Condition c) {
        for (String until : new String[] {null, "2026-03-05T00:00"}) {
            Finding f = judge("2026-03-01T19:00", RuleSettings.defaults(), condition(c, "2026-02-01T00:00", until))
                    .get(0);
            assertTrue(!f.message().contains("safe again"), f.message());
            assertTrue(!f.message().contains("at home"), "no clinic may needle through it either: " + f.message());
            assertTrue(f.message().startsWith("Needled " + ConditionWords.state(c) + " (since "), f.message());
            assertEquals(
                    c == Condition.ISOTRETINOIN
                            ? RuleSettings.defaults().isotretinoinMonths().source()
                            : ConditionWords.source(c),
                    f.source());
        }
    }

    @Test
    void aBleedingDisorderForbidsWithoutReassuringAndIsNeverSaidToBeOver() {
        Finding open = judge(
                        "2026-03-01T19:00",
                        RuleSettings.defaults(),
                        condition(Condition.BLEEDING_DISORDER, "2020-01-01T00:00", null))
                .get(0);
        assertEquals(Severity.CRITICAL, open.severity());
        assertTrue(
                open.message()
                        .contains("Do not needle unless the clinician who treats the disorder says you may. If it no"
                                + " longer applies, end it (needleguard condition end 1)."),
                open.message());
        Finding ended = judge(
                        "2026-03-01T19:00",
                        RuleSettings.defaults(),
                        condition(Condition.BLEEDING_DISORDER, "2020-01-01T00:00", "2026-03-02T00:00"))
                .get(0);
        assertTrue(
                ended.message().contains("It is recorded as no longer applying from Mon 2 Mar 2026"), ended.message());
        assertTrue(!ended.message().contains("over from"), ended.message());
    }

    @Test
    void isotretinoinSaysWhatTheLabelAdvisesThatItIsDebatedAndThatAConfiguredNumberIsASetting() {
        ConditionPeriod course = condition(Condition.ISOTRETINOIN, "2025-09-01T00:00", "2026-01-01T00:00");
        Finding during =
                judge("2025-12-01T19:00", RuleSettings.defaults(), course).get(0);
        assertTrue(
                during.message().startsWith("Needled while taking isotretinoin (since Mon 1 Sep 2025)."),
                during.message());
        assertTrue(
                during.message().contains("The isotretinoin label advises against skin-smoothing procedures"),
                during.message());
        assertTrue(during.message().contains("the advice is debated"), during.message());
        assertTrue(
                during.message().contains("needleguard counts the course and 6 months after its last day (the label's"),
                during.message());
        assertTrue(!during.message().contains("scars more easily"), "not stated as fact: " + during.message());

        RuleSettings twelve = RuleSettings.defaults().toBuilder()
                .isotretinoinMonths(Sourced.of(12, "your configuration (rules.isotretinoin-months)"))
                .build();
        Finding after = judge("2026-09-01T19:00", twelve, course).get(0);
        assertTrue(
                after.message()
                        .startsWith("Needled after an isotretinoin course that ended on Wed 31 Dec 2025 (it still"
                                + " counts)."),
                after.message());
        assertTrue(
                after.message()
                        .contains("needleguard counts the course and 12 months after its last day (your setting,"
                                + " rules.isotretinoin-months)."),
                after.message());
        assertTrue(
                after.message().contains("for 6 months after the last dose"), "the label's figure stays the label's");
        assertTrue(after.message().contains("It stops counting from Fri 1 Jan 2027"), after.message());
    }

    @Test
    void aLaterDateSetByAnotherConditionIsNamed() {
        ConditionPeriod sunburn = condition(Condition.SUNBURN, "2026-12-04T00:00", "2026-12-05T12:00");
        ConditionPeriod course = new ConditionPeriod(
                2, "me", Condition.ISOTRETINOIN, local("2026-06-01T00:00"), Optional.of(local("2026-12-01T00:00")));
        RuleContext context = context(
                at("2026-12-04T19:00", Area.CHEEKS, "0.25", 1),
                ME,
                RuleSettings.defaults(),
                List.of(),
                List.of(),
                List.of(sunburn, course));
        Finding f = SafetyCheck.standard().check(context).stream()
                .filter(x -> x.message().startsWith("Needled with sunburn"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                f.message()
                        .contains("It is recorded as over from Sat 5 Dec 2026 12:00; next session on cheeks from Mon 31"
                                + " May 2027 (contraindication.active: an isotretinoin course (condition #2), stops"
                                + " counting from Mon 31 May 2027)."),
                "the date is the course's, and it says so: " + f.message());
    }

    @Test
    void eachActiveConditionIsAFinding() {
        assertEquals(
                2,
                judge(
                                "2026-03-01T19:00",
                                RuleSettings.defaults(),
                                condition(Condition.ACNE_FLARE, "2026-02-20T00:00", null),
                                condition(Condition.PREGNANCY, "2025-12-01T00:00", null))
                        .size());
    }

    @Test
    void nextSafeNamesTheBlockingCondition() {
        ConditionPeriod sunburn = condition(Condition.SUNBURN, "2026-01-24T00:00", "2026-01-27T00:00");
        NextSafe n = rule.nextSafe(new NextSafeQuery(
                        ME,
                        Area.NOSE,
                        io.needleguard.session.Depth.ofMm("0.25"),
                        List.of(),
                        List.of(sunburn),
                        RuleSettings.defaults(),
                        local("2026-01-25T12:00")))
                .orElseThrow();
        assertEquals(Optional.of(local("2026-01-27T00:00")), n.at());
        assertEquals("contraindication.active", n.rule());
        Instant afterwards = local("2026-01-27T00:00");
        assertTrue(rule.nextSafe(new NextSafeQuery(
                        ME,
                        Area.NOSE,
                        io.needleguard.session.Depth.ofMm("0.25"),
                        List.of(),
                        List.of(sunburn),
                        RuleSettings.defaults(),
                        afterwards))
                .isEmpty());
    }
}
