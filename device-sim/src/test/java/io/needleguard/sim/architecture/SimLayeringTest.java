package io.needleguard.sim.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.needleguard.architecture.RuleFixtures;
import java.util.Set;
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
        RuleFixtures.assertOnlyItsRuleFails(SimLayering::rules, FIXTURE, name);
    }
}
