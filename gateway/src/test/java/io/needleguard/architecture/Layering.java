package io.needleguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering the architecture names (src/docs/architecture.md), as rules over a root package, so the
 * same rules run on the product ({@code io.needleguard}) and on a fixture that breaks each of them.
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

    /** Adapters: each translates one port to one library. */
    static final List<String> ADAPTERS =
            List.of("store", "mqtt", "ble.tinyb", "ble.dbus", "json", "config", "dashboard", "report");

    /**
     * The libraries adapters hide: SQLite, JDBC, Paho, Jackson, TinyB, dbus-java (and bluez-dbus's
     * packages, should it come back), picocli, Logback, Moquette, the JDK's HTTP server.
     */
    static final String[] LIBRARIES = {
        "org.sqlite..",
        "java.sql..",
        "org.eclipse.paho..",
        "com.fasterxml.jackson..",
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
                .because(
                        "domain code knows nothing of SQLite, JDBC, Paho, Jackson, TinyB, dbus-java or picocli: adapters translate at the edge");
    }

    static ArchRule domainKnowsNoAdapter(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(under(root, DOMAIN))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(under(
                        root,
                        List.of(
                                "store",
                                "mqtt",
                                "ble.tinyb",
                                "ble.dbus",
                                "json",
                                "config",
                                "dashboard",
                                "report",
                                "cli")))
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

    static ArchRule messagesKnowNoTransport(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".mqtt.message..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.paho..", root + ".mqtt.transport..")
                .because("messages are made apart from the connection that carries them");
    }

    /**
     * A library is used by its own adapter only: TinyB by the TinyB adapter, dbus-java (and BlueZ's D-Bus
     * names) by the D-Bus adapter, SQLite by the store, Paho by the transport, the JDK's HTTP server by the
     * dashboard, PDFBox by the report.
     */
    static List<ArchRule> eachLibraryInItsAdapter(String root) {
        return List.of(
                onlyIn(root + ".ble.tinyb..", "tinyb.."),
                onlyIn(root + ".store..", "org.sqlite.."),
                onlyIn(root + ".mqtt.transport..", "org.eclipse.paho.."),
                onlyIn(root + ".ble.dbus..", "org.freedesktop.dbus.."),
                onlyIn(root + ".ble.dbus..", "org.bluez.."),
                onlyIn(root + ".ble.dbus..", "com.github.hypfvieh.."),
                onlyIn(root + ".dashboard..", "com.sun.net.httpserver.."),
                onlyIn(root + ".report..", "org.apache.pdfbox.."));
    }

    private static ArchRule onlyIn(String adapter, String library) {
        return noClasses()
                .that()
                .resideInAPackage(root(adapter) + "..")
                .and()
                .resideOutsideOfPackage(adapter)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(library)
                .because(library + " is used behind its port, in " + adapter + " only");
    }

    /** {@code io.needleguard} of {@code io.needleguard.store..}. */
    private static String root(String adapter) {
        return adapter.substring(0, adapter.indexOf('.', adapter.indexOf('.') + 1));
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }
}
