package io.needleguard.household;

/**
 * A change to the household that was not made, with a message naming the problem and the fix (for a
 * person to read: the command line prints it and exits 2, MQTT answers it, the page shows it). Nothing
 * was changed.
 */
public final class RefusedChange extends RuntimeException {

    public RefusedChange(String message) {
        super(message, null, false, false);
    }
}
