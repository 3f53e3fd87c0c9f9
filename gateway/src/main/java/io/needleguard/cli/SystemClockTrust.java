package io.needleguard.cli;

import io.needleguard.link.ClockTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's clock may set the pens once it is synchronised with network time, or when that cannot
 * be told (no systemd: a laptop, whose clock runs while it is off). Asked at most once a minute: pens
 * connect now and then, and {@code timedatectl} is a process.
 */
final class SystemClockTrust implements ClockTrust {

    private static final Logger log = LoggerFactory.getLogger("needleguard");
    private static final long ASK_EVERY_NANOS = 60_000_000_000L;

    private final TimeSync sync;
    private long askedAt;
    private Boolean trusted;

    SystemClockTrust(TimeSync sync) {
        this.sync = sync;
    }

    @Override
    public synchronized boolean trusted() {
        long now = System.nanoTime();
        if (trusted == null || now - askedAt >= ASK_EVERY_NANOS) {
            TimeSync.Answer answer = sync.check();
            boolean was = Boolean.TRUE.equals(trusted);
            trusted = answer.synchronised() || !answer.known();
            askedAt = now;
            if (!trusted) {
                log.warn(
                        "{}: the pens keep their own clocks until it is (their sessions keep the pens' times)",
                        answer.detail());
            } else if (!was && answer.known()) {
                log.info("the clock is synchronised ({}): pens are set from it as they connect", answer.detail());
            }
        }
        return trusted;
    }
}
