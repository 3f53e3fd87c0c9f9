package io.needleguard.link;

/**
 * Whether this machine's clock may set the pens' clocks. A Raspberry Pi has no clock that runs while it
 * is off: after a boot its time can be days off until network time is reached, and a pen set from it
 * would stamp its sessions with wrong dates. The pens keep their own clocks meanwhile: sessions are
 * stamped by the pen, so they stay right whatever the gateway's clock does.
 */
@FunctionalInterface
public interface ClockTrust {

    /** A machine whose clock runs while it is off (a laptop), or a test: always trusted. */
    ClockTrust ALWAYS = () -> true;

    /** Whether the clock is known to be right now (synchronised, or on a machine with its own clock). */
    boolean trusted();
}
