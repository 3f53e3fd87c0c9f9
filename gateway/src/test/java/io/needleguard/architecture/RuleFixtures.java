package io.needleguard.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Proves a layering rule on its own fixture: the classes under {@code <fixtures>.<rule name>} break that
 * rule, and no other, with a class whose name starts with {@code Breaks}. Used by the gateway's and
 * device-sim's layering tests.
 */
public final class RuleFixtures {

    private RuleFixtures() {}

    /** @param rules the rules by name, over a root package */
    public static void assertOnlyItsRuleFails(
            Function<String, Map<String, ArchRule>> rules, String fixtures, String name) {
        String root = fixtures + "." + name;
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        assertTrue(fixture.size() > 0, "a fixture for the rule " + name + " in " + root);
        // A fixture has only the packages its rule is about: rules about others find nothing to check.
        Map<String, ArchRule> onFixture = rules.apply(root);
        Set<String> failing = onFixture.entrySet().stream()
                .filter(rule ->
                        rule.getValue().allowEmptyShould(true).evaluate(fixture).hasViolation())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(name), failing, "the rules the fixture " + root + " breaks");
        String report = String.join(
                "\n",
                onFixture
                        .get(name)
                        .allowEmptyShould(true)
                        .evaluate(fixture)
                        .getFailureReport()
                        .getDetails());
        assertTrue(report.contains("Breaks"), "the culprit is the class named Breaks...: " + report);
    }
}
