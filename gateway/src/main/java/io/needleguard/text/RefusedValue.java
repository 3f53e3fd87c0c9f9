package io.needleguard.text;

/**
 * A value someone wrote that cannot be used: why, and the fix, in words that follow the value as each
 * reader quotes it ({@link #reason}). The configuration and the command line read the same values with
 * the same refusals; the configuration's message then names the key, the command line's the option.
 */
public final class RefusedValue extends IllegalArgumentException {

    private final String reason;

    /**
     * @param value  the value as written, quoted (cut short, controls escaped) in {@link #getMessage}
     * @param reason what follows the quoted value, e.g. {@code " is not a time zone; use an IANA name ..."}
     */
    public RefusedValue(String value, String reason) {
        super(Quote.of(value) + reason);
        this.reason = reason;
    }

    /** What follows the quoted value in a message: the problem, then the fix. */
    public String reason() {
        return reason;
    }
}
