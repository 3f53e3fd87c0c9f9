package io.needleguard.history;

import java.util.function.Supplier;

/**
 * Units of work over the history: a session, its findings and the MQTT messages that report them are
 * stored together or not at all. Calls nest; only the outermost commits.
 */
public interface Transactions {

    /** Runs {@code work} as one unit: all of its writes are stored, or (if it throws) none. */
    <T> T atomically(Supplier<T> work);
}
