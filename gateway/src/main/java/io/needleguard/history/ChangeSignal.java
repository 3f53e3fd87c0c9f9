package io.needleguard.history;

/**
 * How a running gateway learns that another process (a {@code needleguard} command) committed a
 * change to the history: a number that changes whenever someone else commits. The process's own
 * commits leave it as it was; it acts on those as it makes them.
 */
@FunctionalInterface
public interface ChangeSignal {

    long version();

    /** For a history no other process can reach (a simulation in memory): never changes. */
    ChangeSignal NONE = () -> 0;
}
