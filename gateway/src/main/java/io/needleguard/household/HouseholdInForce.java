package io.needleguard.household;

import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The household in force now, for a gateway that runs while people, pen owners and devices change
 * (issue 22 item 1): what records, judges, publishes and shows a session asks it each time instead of
 * keeping the household of the start. Reading the household costs a few queries, so it is kept and read
 * again only when it may have changed: after a change made through this process's {@link HouseholdChanges}
 * (its edit count moved), or when told to ({@link #reread}: another process committed to the history,
 * the configuration file was edited).
 */
public final class HouseholdInForce implements Supplier<Household> {

    private final Supplier<Household> read;
    private final LongSupplier edits;

    // Written under the lock, read without it.
    private volatile Household current;
    private volatile long seenEdits;

    private HouseholdInForce(Supplier<Household> read, LongSupplier edits) {
        this.read = Objects.requireNonNull(read, "read");
        this.edits = Objects.requireNonNull(edits, "edits");
        this.seenEdits = edits.getAsLong();
        this.current = Objects.requireNonNull(read.get(), "household");
    }

    /** A household that never changes (a simulation's, a test's). */
    public static HouseholdInForce fixed(Household household) {
        Objects.requireNonNull(household, "household");
        return new HouseholdInForce(() -> household, () -> 0);
    }

    /** The household {@code changes} says is in force, followed as it changes. */
    public static HouseholdInForce of(HouseholdChanges changes) {
        return new HouseholdInForce(changes::household, changes::edits);
    }

    /** The household now: read again if this process changed it since the last read. */
    @Override
    public Household get() {
        if (edits.getAsLong() != seenEdits) {
            return reread();
        }
        return current;
    }

    /** Reads the household again: something this process did not see may have changed it. */
    public synchronized Household reread() {
        seenEdits = edits.getAsLong(); // before reading: an edit made during the read is read again next time
        current = read.get();
        return current;
    }
}
