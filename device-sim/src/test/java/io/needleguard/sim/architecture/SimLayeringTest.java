package io.needleguard.sim.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * device-sim keeps its layers, and each rule fails on a fixture of its own that breaks it and no other
 * rule. The product's import leaves the tests out, fixtures included.
 */
class SimLayeringTest {

    private static final String PRODUCT = "io.needleguard";
    private static final String FIXTURE = "io.needleguard.sim.architecture.fixture";

    @Test
    void theSimulatorKeepsItsLayers() {
        JavaClasses sim = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PRODUCT + ".sim");
        assertTrue(sim.size() > 30, "the simulator's classes were found: " + sim.size());
        for (ArchRule rule : SimLayering.rules(PRODUCT).values()) {
            rule.check(sim);
        }
    }

    static Set<String> ruleNames() {
        return SimLayering.rules(PRODUCT).keySet();
    }

    @ParameterizedTest
    @MethodSource("ruleNames")
    void eachRuleFailsOnItsOwnFixtureAndNoOtherRuleDoes(String name) {
        String root = FIXTURE + "." + name;
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        assertTrue(fixture.size() > 0, "a fixture for the rule " + name + " in " + root);
        Map<String, ArchRule> rules = SimLayering.rules(root);
        Set<String> failing = rules.entrySet().stream()
                .filter(rule ->
                        rule.getValue().allowEmptyShould(true).evaluate(fixture).hasViolation())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(name), failing, "the rules the fixture " + root + " breaks");
        String report = String.join(
                "\n",
                rules.get(name)
                        .allowEmptyShould(true)
                        .evaluate(fixture)
                        .getFailureReport()
                        .getDetails());
        assertTrue(report.contains("Breaks"), "the culprit is the class named Breaks...: " + report);
    }
}
