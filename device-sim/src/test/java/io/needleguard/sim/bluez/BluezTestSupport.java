package io.needleguard.sim.bluez;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/** What the tests over the simulated BlueZ need, checked up front with a message that says how to get it. */
public final class BluezTestSupport {

    private static final Set<String> TINYB_ARCHITECTURES =
            Set.of("amd64", "x86_64", "x86", "i386", "i686", "arm", "armv7l", "armv6l");

    private BluezTestSupport() {}

    /** Whether TinyB's natives cover this JVM's OS and CPU (as the JVM reports them). */
    public static boolean tinybCoversThisMachine() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && TINYB_ARCHITECTURES.contains(System.getProperty("os.arch").toLowerCase(Locale.ROOT));
    }

    /**
     * Skips the test when the machine cannot run it (no dbus-daemon, a JVM started without the private
     * bus variables, as from an IDE; for {@code tinyb}, an architecture its natives do not cover). With
     * {@code CI=true} a missing package fails instead: CI must never skip these by accident. An
     * architecture TinyB does not cover is a fact of the machine, not a missing package: those runs are
     * skipped there, in CI too, and the D-Bus backend's runs are the ones that count.
     *
     * @param backend the gateway backend the test uses: tinyb, dbus or auto
     */
    public static void assumeReady(String backend) {
        if (PrivateBus.daemonBinary().isEmpty()) {
            unavailable("dbus-daemon is not installed: install the Debian package '" + PrivateBus.PACKAGE
                    + "' (.ci/run does)");
        }
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (backend.equals("tinyb") && !tinybCoversThisMachine()) {
            Assumptions.assumeTrue(
                    false,
                    "TinyB's natives cover Linux x86_64, x86 and 32-bit ARM; this is " + System.getProperty("os.name")
                            + "/" + arch + ": only the D-Bus backend runs here");
        }
        if (!BluezTransport.privateBusConfigured()) {
            unavailable("the JVM was started without " + BluezTransport.SYSTEM_BUS_ENV + " and "
                    + BluezTransport.PRIVATE_BUS_ENV
                    + " pointing at a private bus; run the tests with Maven (device-sim/pom.xml sets them)");
        }
    }

    private static void unavailable(String message) {
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }
}
