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
        assertTrue(f.message().contains("Needled while sunburn (since Sat 24 Jan 2026)"), f.message());
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
        assertTrue(f.message().contains("ask your clinician"), f.message());
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
