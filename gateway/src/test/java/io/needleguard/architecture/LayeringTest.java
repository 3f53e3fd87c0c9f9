package io.needleguard.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering holds for the product's classes, and each rule is shown to fail on a fixture that
 * breaks it (so a rule that can no longer fail is noticed).
 */
class LayeringTest {

    private static final String PRODUCT = "io.needleguard";
    private static final String FIXTURE = "io.needleguard.architecture.fixture";

    private static final JavaClasses PRODUCT_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PRODUCT);
    private static final JavaClasses FIXTURE_CLASSES = new ClassFileImporter().importPackages(FIXTURE);

    private static List<ArchRule> rules(String root) {
        List<ArchRule> rules = new java.util.ArrayList<>(List.of(
                Layering.domainKnowsNoLibrary(root),
                Layering.domainKnowsNoAdapter(root),
                Layering.adaptersKnowNoCommandLine(root),
                Layering.messagesKnowNoTransport(root),
                Layering.noCycles(root)));
        rules.addAll(Layering.eachLibraryInItsAdapter(root));
        return rules;
    }

    @Test
    void theProductKeepsItsLayers() {
        assertTrue(PRODUCT_CLASSES.size() > 100, "the product's classes were found: " + PRODUCT_CLASSES.size());
        for (ArchRule rule : rules(PRODUCT)) {
            rule.check(PRODUCT_CLASSES);
        }
    }

    @Test
    void aDomainClassUsingJdbcIsCaught() {
        assertViolated(Layering.domainKnowsNoLibrary(FIXTURE), "UsesJdbc");
    }

    @Test
    void aDomainClassUsingAnAdapterIsCaught() {
        assertViolated(Layering.domainKnowsNoAdapter(FIXTURE), "UsesTheStore");
    }

    @Test
    void anAdapterCallingTheCommandLineIsCaught() {
        assertViolated(Layering.adaptersKnowNoCommandLine(FIXTURE), "CallsTheCommandLine");
    }

    @Test
    void aPackageCycleIsCaught() {
        assertViolated(Layering.noCycles(FIXTURE), "Cycle");
    }

    @Test
    void sqliteOutsideTheStoreIsCaught() {
        assertViolated(Layering.eachLibraryInItsAdapter(FIXTURE).get(1), "UsesSqlite");
    }

    @Test
    void dbusJavaOutsideTheDbusAdapterIsCaught() {
        assertViolated(Layering.eachLibraryInItsAdapter(FIXTURE).get(3), "UsesDbus");
    }

    @Test
    void anHttpServerOutsideTheDashboardIsCaught() {
        assertViolated(Layering.eachLibraryInItsAdapter(FIXTURE).get(6), "ServesHttp");
    }

    @Test
    void pdfboxOutsideTheReportIsCaught() {
        assertViolated(Layering.eachLibraryInItsAdapter(FIXTURE).get(7), "DrawsPdf");
    }

    private static void assertViolated(ArchRule rule, String culprit) {
        EvaluationResult result = rule.evaluate(FIXTURE_CLASSES);
        assertTrue(result.hasViolation(), "the rule did not catch the fixture: " + rule.getDescription());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains(culprit), report);
        assertFalse(report.isBlank());
    }
}
