package io.needleguard.rules;

import java.util.Locale;

/** How much a finding matters. Ordered from least to most severe. */
public enum Severity {
    /** Worth knowing, not a safety problem (e.g. data quality). */
    INFO,
    /** Unsafe use: change something before the next session. */
    WARNING,
    /** Stop: a real risk of harm (infection, injury). */
    CRITICAL;

    private static final Severity[] ALL = values();

    private final String id = name().toLowerCase(Locale.ROOT);

    /** The lower-case id used in JSON, MQTT and the CLI. */
    public String id() {
        return id;
    }

    /**
     * The severity with this id, in any case.
     *
     * @throws IllegalArgumentException for no severity's id
     */
    public static Severity fromId(String id) {
        // The stored lower-case ids first, without making a string: a listing reads thousands of findings.
        for (Severity severity : ALL) {
            if (severity.id.equals(id)) {
                return severity;
            }
        }
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return id();
    }
}
