package io.needleguard.history;

/**
 * A hand entry that cannot be a session, or a change that cannot be made to one: nothing was stored.
 * The message says what is wrong and what to give instead, in words that fit the command line, MQTT
 * and the dashboard alike.
 */
public final class RefusedEntry extends RuntimeException {

    public RefusedEntry(String message) {
        super(message);
    }
}
