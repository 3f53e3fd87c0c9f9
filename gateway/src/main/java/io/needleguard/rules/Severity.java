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

    /** The lower-case id used in JSON, MQTT and the CLI. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return id();
    }
}
