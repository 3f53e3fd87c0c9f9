package io.needleguard.sim.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the simulation moves by hand, so weeks of pen use replay in seconds. It only moves
 * forward: rules about days must never see time run backwards. Copies made with {@link #withZone}
 * share the same time.
 */
public final class VirtualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public VirtualClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
    }

    private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public void advanceTo(Instant target) {
        now.updateAndGet(current -> {
            if (target.isBefore(current)) {
                throw new IllegalArgumentException(
                        "a virtual clock only moves forward: " + target + " is before " + current);
            }
            return target;
        });
    }

    public void advance(Duration duration) {
        advanceTo(instant().plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new VirtualClock(now, other);
    }
}
