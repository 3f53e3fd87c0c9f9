package io.needleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.rules.RuleSettings;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.testing.CpuBudget;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code rules:} section: every threshold replaceable, per household or per owner, and checked. */
class RulesConfigTest {

    private final ConfigLoader loader = new ConfigLoader(ZoneId.of("UTC"), "pi");

    private GatewayConfig parse(String yaml) {
        return loader.parse("needleguard.yaml", yaml);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void numbersOfAbsurdSizeAreRefusedAtOnceAndNamedShort() {
        // Loaded and compiled first: what is measured is the reading, not the JVM's start.
        error("rules:\n  depth: {home-warning-above-mm: 9.0e+9}\n  spacing: {deeper-days: 1.0e+3}\n");
        try (CpuBudget budget = new CpuBudget()) {
            for (String number :
                    List.of("1.0e+300000000", "-1.0e-999999999", "1.0e-999999999", "0x7fffffffffffffffffffffff")) {
                String yaml = "rules:\n  depth: {home-warning-above-mm: " + number + "}\n  spacing: {deeper-days: "
                        + number + "}\n";
                Throwable refused = budget.answer(number, () -> parse(yaml)).thrown();
                assertTrue(refused instanceof ConfigException, number + ": " + refused);
                assertTrue(refused.getMessage().contains("rules.depth.home-warning-above-mm: "), refused.getMessage());
                assertTrue(refused.getMessage().contains("rules.spacing.deeper-days: "), refused.getMessage());
                assertTrue(refused.getMessage().length() < 600, refused.getMessage());
            }
        }
        assertTrue(
                error("rules:\n  depth: {home-warning-above-mm: 1.0e+300000000}\n")
                        .contains("rules.depth.home-warning-above-mm: 1.0E+300000000 is not allowed; use"),
                error("rules:\n  depth: {home-warning-above-mm: 1.0e+300000000}\n"));
    }

    @Test
    void aNumberWhoseExponentIsBeyondAnIntIsASyntaxError() {
        // It failed with a bare NumberFormatException: exit 1 and no place in the file.
        assertTrue(
                error("rules:\n  depth: {home-warning-above-mm: 1.0e+99999999999}\n")
                        .startsWith("needleguard.yaml: not valid YAML at line 2, column "),
                error("rules:\n  depth: {home-warning-above-mm: 1.0e+99999999999}\n"));
    }

    @Test
    void aThousandMistakesAreNotAThousandLines() {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (int i = 0; i < 1000; i++) {
            yaml.append("  typo-").append(i).append(": 1\n");
        }
        String message = error(yaml.toString());
        assertTrue(message.contains("and 980 more problems after it; fix these first"), message);
        assertTrue(message.lines().count() < 30, message);
    }

    @Test
    void everyThresholdCanBeSetAndCitesTheConfigurationAsItsSource() {
        RuleSettings r = parse("""
                rules:
                  depth:
                    home-warning-above-mm: 0.25
                    home-critical-above-mm: 0.75
                    area-limits-mm: {cheeks: 0.3, neck: 0.2}
                    dark-skin-cap-mm: 0.2
                    not-for-needling: [eyelids, upper-lip]
                  spacing:
                    days-up-to-mm: [{up-to-mm: 0.25, days: 5}, {up-to-mm: 1.0, days: 30}]
                    deeper-days: 60
                  frequency:
                    light-up-to-mm: 0.2
                    medium-up-to-mm: 0.4
                    per-7-days: {light: 1, other: 1}
                    per-30-days: {light: 4, medium: 2, other: 1}
                  duration: {area-max-minutes: 10, day-max-minutes: 20}
                  cartridge-reuse-after-hours: 2
                  stroke-hz: {min: 50, max: 150}
                  isotretinoin-months: 12
                  pause-minutes: 10
                """).rules();
        assertEquals(Depth.ofMm("0.25"), r.homeWarningAbove().value());
        assertEquals(
                "your configuration (rules.depth.home-warning-above-mm)",
                r.homeWarningAbove().source());
        assertEquals(Depth.ofMm("0.75"), r.homeCriticalAbove().value());
        assertEquals(
                Depth.ofMm("0.3"),
                r.areaLimits()
                        .limitFor(Area.CHEEKS, Optional.empty())
                        .orElseThrow()
                        .value());
        assertEquals(
                "your configuration (rules.depth.area-limits-mm.cheeks)",
                r.areaLimits()
                        .limitFor(Area.CHEEKS, Optional.empty())
                        .orElseThrow()
                        .source());
        assertEquals(
                Depth.ofMm("0.5"),
                r.areaLimits()
                        .limitFor(Area.CHIN, Optional.empty())
                        .orElseThrow()
                        .value(),
                "others keep their default");
        assertEquals(
                Depth.ofMm("0.2"),
                r.areaLimits()
                        .limitFor(Area.CHEEKS, Optional.of(SkinType.V))
                        .orElseThrow()
                        .value());
        assertEquals(Set.of(Area.EYELIDS, Area.UPPER_LIP), r.notForNeedling().value());
        assertEquals(5, r.spacing().daysFor(Depth.ofMm("0.25")));
        assertEquals(30, r.spacing().daysFor(Depth.ofMm("0.5")));
        assertEquals(60, r.spacing().daysFor(Depth.ofMm("1.5")));
        assertEquals(4, r.frequency().perMonth(Depth.ofMm("0.2")));
        assertEquals(2, r.frequency().perMonth(Depth.ofMm("0.3")));
        assertEquals(Duration.ofMinutes(10), r.areaSessionMax().value());
        assertEquals(Duration.ofMinutes(20), r.dailyMax().value());
        assertEquals(Duration.ofHours(2), r.cartridgeReuseAfter().value());
        assertEquals(50, r.strokeMinHz().value());
        assertEquals(150, r.strokeMaxHz().value());
        assertEquals(12, r.isotretinoinMonths().value());
        assertEquals(Duration.ofMinutes(10), r.continuationGap().value());
    }

    @Test
    void ownersHaveASkinTypeAndTheirOwnThresholdsOnTopOfTheHouseholds() {
        GatewayConfig config = parse("""
                rules: {duration: {day-max-minutes: 25}}
                owners:
                  - {id: alex, skin-type: V, rules: {isotretinoin-months: 3}}
                  - {id: sam}
                """);
        Household household = config.household(ZoneId.of("UTC"));
        Owner alex = household.owner("alex").orElseThrow();
        assertEquals(Optional.of(SkinType.V), alex.skinType());
        RuleSettings alexRules = config.ruleBook().settingsFor(alex);
        assertEquals(3, alexRules.isotretinoinMonths().value());
        assertEquals(
                "your configuration (owners[0].rules.isotretinoin-months)",
                alexRules.isotretinoinMonths().source());
        assertEquals(Duration.ofMinutes(25), alexRules.dailyMax().value(), "the household's value still applies");
        RuleSettings samRules =
                config.ruleBook().settingsFor(household.owner("sam").orElseThrow());
        assertEquals(6, samRules.isotretinoinMonths().value());
        assertEquals(Duration.ofMinutes(25), samRules.dailyMax().value());
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheAllowedRange() {
        assertTrue(error("rules: {depth: {home-warning-above-mm: 3.5}}")
                .contains(
                        "rules.depth.home-warning-above-mm: 3.5 mm is out of range; use a depth in mm from 0 to 3.00"));
        assertTrue(error("rules: {depth: {home-warning-above-mm: 0.125}}")
                .contains("rules.depth.home-warning-above-mm: 0.125 is not allowed"));
        assertTrue(error("rules: {depth: {home-warning-above-mm: 1.2}}")
                .contains("is above the critical limit of 1.00 mm"));
        assertTrue(error("rules: {depth: {area-limits-mm: {cheek: 0.5}}}")
                .contains("rules.depth.area-limits-mm.cheek: is not an area with its own limit"));
        assertTrue(error("rules: {depth: {area-limits-mm: {unspecified: 0.5}}}")
                .contains("an unspecified area takes the lowest limit"));
        assertTrue(error("rules: {isotretinoin-months: 13}")
                .contains("rules.isotretinoin-months: 13 is out of range; use a whole number from 0 to 12"));
        assertTrue(error("rules: {stroke-hz: {min: 200, max: 100}}")
                .contains("rules.stroke-hz.min: 200 Hz is not below the maximum"));
        assertTrue(error("rules: {spacing: {days-up-to-mm: [{up-to-mm: 0.5, days: 14}, {up-to-mm: 0.25, days: 3}]}}")
                .contains("rules.spacing.days-up-to-mm[1].up-to-mm: 0.25 mm is not deeper than the tier before"));
        assertTrue(error("rules: {spacing: {deeper-days: 400}}")
                .contains("rules.spacing.deeper-days: 400 is out of range"));
        assertTrue(error("rules: {duration: {area-max-minutes: 0}}")
                .contains("rules.duration.area-max-minutes: 0 is out of range"));
        assertTrue(
                error("rules: {frequncy: {}}").contains("rules.frequncy: unknown field (did you mean 'frequency'?)"));
        assertTrue(
                error("owners: [{id: alex, skin-type: VII}]")
                        .contains(
                                "owners[0].skin-type: \"VII\" is not a Fitzpatrick skin type; use one of: I, II, III, IV, V, VI"));
        assertTrue(error("owners: [{id: alex, skin-type: 4}]")
                .contains("owners[0].skin-type: 4 is a number; use a Fitzpatrick type: I, II, III, IV, V, VI"));
        assertTrue(error("owners: [{id: alex, rules: {depth: {dark-skin-cap-mm: -1}}}]")
                .contains("owners[0].rules.depth.dark-skin-cap-mm"));
    }
}
