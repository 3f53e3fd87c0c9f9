package io.needleguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The layering the architecture names (src/docs/architecture.md), as rules over a root package, so the
 * same rules run on the product ({@code io.needleguard}) and, each, on a fixture of its own that breaks
 * it and nothing else ({@code architecture.fixture.<rule name>}).
 */
final class Layering {

    /** Code about pens, sessions, people and rules: it knows no library behind an adapter. */
    static final List<String> DOMAIN = List.of(
            "session",
            "household",
            "rules",
            "history",
            "profile",
            "link",
            "pairing",
            "outbox",
            "gateway",
            "retry",
            "threads",
            "backup",
            "person",
            "text");

    /**
     * Adapters, each one unit that imports no other (its subpackages are its own): {@code json} is the
     * exception the others may use, the JSON forms of the domain's values and the strict reading of what
     * people write, shared by every adapter that speaks JSON.
     */
    static final List<String> ADAPTERS =
            List.of("store", "mqtt", "ble.tinyb", "ble.dbus", "json", "config", "dashboard", "report");

    /**
     * The libraries adapters hide: SQLite, JDBC, Paho, Jackson, SnakeYAML, TinyB, dbus-java (and
     * bluez-dbus's packages, should it come back), picocli, Logback, Moquette, the JDK's HTTP server, PDFBox.
     */
    static final String[] LIBRARIES = {
        "org.sqlite..",
        "java.sql..",
        "org.eclipse.paho..",
        "com.fasterxml.jackson..",
        "org.yaml.snakeyaml..",
        "tinyb..",
        "org.freedesktop.dbus..",
        "org.bluez..",
        "com.github.hypfvieh..",
        "picocli..",
        "ch.qos.logback..",
        "io.moquette..",
        "com.sun.net.httpserver..",
        "org.apache.pdfbox..",
        "org.apache.fontbox.."
    };

    private Layering() {}

    /** Every rule by its name; the fixture that breaks it is {@code architecture.fixture.<name>}. */
    static Map<String, ArchRule> rules(String root) {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("domainlibrary", domainKnowsNoLibrary(root));
        rules.put("domainadapter", domainKnowsNoAdapter(root));
        rules.put("adaptercli", adaptersKnowNoCommandLine(root));
        rules.put("adapters", adaptersKnowNoOtherAdapter(root));
        rules.put("messagetransport", messagesKnowNoTransport(root));
        rules.put("cycles", noCycles(root));
        rules.put("tinyb", onlyIn(root, List.of("ble.tinyb"), "tinyb.."));
        rules.put("sqlite", onlyIn(root, List.of("store"), "org.sqlite.."));
        rules.put("paho", onlyIn(root, List.of("mqtt.transport"), "org.eclipse.paho.."));
        rules.put(
                "dbus",
                onlyIn(root, List.of("ble.dbus"), "org.freedesktop.dbus..", "org.bluez..", "com.github.hypfvieh.."));
        rules.put("httpserver", onlyIn(root, List.of("dashboard"), "com.sun.net.httpserver.."));
        rules.put("pdfbox", onlyIn(root, List.of("report"), "org.apache.pdfbox..", "org.apache.fontbox.."));
        rules.put(
                "jackson",
                onlyIn(root, List.of("json", "config", "mqtt.message", "dashboard", "cli"), "com.fasterxml.jackson.."));
        rules.put(
                "yaml",
                onlyIn(root, List.of("config"), "org.yaml.snakeyaml..", "com.fasterxml.jackson.dataformat.yaml.."));
        rules.put("commandline", onlyIn(root, List.of("cli"), "picocli..", "ch.qos.logback..", "io.moquette.."));
        return rules;
    }

    private static String[] under(String root, List<String> packages) {
        return packages.stream().map(p -> root + "." + p + "..").toArray(String[]::new);
    }

    static ArchRule domainKnowsNoLibrary(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(under(root, DOMAIN))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(LIBRARIES)
                .because("domain code knows no library: adapters translate at the edge");
    }

    static ArchRule domainKnowsNoAdapter(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(under(root, DOMAIN))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(under(
                        root, Stream.concat(ADAPTERS.stream(), Stream.of("cli")).toList()))
                .because("ports point inwards: adapters depend on the domain, never the other way");
    }

    static ArchRule adaptersKnowNoCommandLine(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(under(root, ADAPTERS))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".cli..")
                .because("the command line wires adapters; adapters do not call it");
    }

    /**
     * An adapter imports no other adapter: the command line wires them together. Every adapter may use
     * {@code json}; the configuration may use the settings it produces for the MQTT adapter (the package
     * {@code mqtt} itself, not its subpackages) and the dashboard ({@code dashboard.settings}).
     */
    static ArchRule adaptersKnowNoOtherAdapter(String root) {
        CompositeArchRule all = null;
        for (String adapter : ADAPTERS) {
            Stream<String> others = ADAPTERS.stream()
                    .filter(other -> !other.equals(adapter) && !other.equals("json"))
                    .map(other -> root + "." + other + "..");
            if (adapter.equals("config")) {
                others = Stream.concat(
                        others.filter(p -> !p.equals(root + ".mqtt..") && !p.equals(root + ".dashboard..")),
                        Stream.of(root + ".mqtt.*..", root + ".dashboard"));
            }
            ArchRule rule = noClasses()
                    .that()
                    .resideInAPackage(root + "." + adapter + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others.toArray(String[]::new))
                    .because("an adapter knows the domain and json only; the command line wires adapters together");
            all = all == null ? CompositeArchRule.of(rule) : all.and(rule);
        }
        return all;
    }

    static ArchRule messagesKnowNoTransport(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".mqtt.message..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".mqtt.transport..")
                .because("messages are made apart from the connection that carries them");
    }

    /** A library is used by the packages named only (each adapter's own, or the command line's). */
    static ArchRule onlyIn(String root, List<String> allowed, String... libraries) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(under(root, allowed))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(libraries)
                .because(String.join(", ", libraries) + " is used in " + String.join(", ", allowed) + " only");
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }
}
