package io.needleguard.config;

/**
 * Where a user finds the commented example configuration that messages point to: the Debian package's
 * copy, {@code /usr/share/doc/needleguard/examples/needleguard.yaml}, which its launcher names with
 * {@code -Dneedleguard.example-config}; else a clone's {@code src/dist/needleguard.yaml}.
 */
public final class ConfigExample {

    /** The system property the package's launcher sets. */
    public static final String PROPERTY = "needleguard.example-config";

    private ConfigExample() {}

    public static String path() {
        String given = System.getProperty(PROPERTY);
        return given == null || given.isBlank() ? "src/dist/needleguard.yaml" : given;
    }
}
