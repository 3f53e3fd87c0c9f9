package io.needleguard.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering holds for the product's classes, and each rule is shown to fail on a fixture of its own
 * that breaks that rule and no other (so a rule that can no longer fail, or a fixture that proves
 * nothing, is noticed). The product's import leaves the tests out, fixtures included.
 */
class LayeringTest {

    private static final String PRODUCT = "io.needleguard";
    private static final String FIXTURE = "io.needleguard.architecture.fixture";

    private static final JavaClasses PRODUCT_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PRODUCT);

    @Test
    void theProductKeepsItsLayers() {
        assertTrue(PRODUCT_CLASSES.size() > 100, "the product's classes were found: " + PRODUCT_CLASSES.size());
        assertTrue(
                PRODUCT_CLASSES.stream().noneMatch(c -> c.getPackageName().startsWith(FIXTURE)),
                "no fixture among the product's classes");
        for (ArchRule rule : Layering.rules(PRODUCT).values()) {
            rule.check(PRODUCT_CLASSES);
        }
    }

    static Set<String> ruleNames() {
        return Layering.rules(PRODUCT).keySet();
    }

    @ParameterizedTest
    @MethodSource("ruleNames")
    void eachRuleFailsOnItsOwnFixtureAndNoOtherRuleDoes(String name) {
        RuleFixtures.assertOnlyItsRuleFails(Layering::rules, FIXTURE, name);
    }
}
