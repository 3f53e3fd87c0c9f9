package io.needleguard.sim.scenario;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A session someone logs by hand during a scenario (a roller, a pen without Bluetooth), resolved: its
 * owner, depth (a roller's needle length when not written) and times are known.
 *
 * @param index    its position in the file's {@code handLog} array, to point at it in messages
 * @param duration how long; empty when the entry does not say (as a person may not)
 * @param device   the scenario device it was done with, if it names one
 * @param loggedAt when the person logs it: at its end, or later (a session logged late)
 */
public record ScenarioHandEntry(
        int index,
        String owner,
        Instant start,
        Optional<Duration> duration,
        Area area,
        Depth depth,
        String cartridge,
        Optional<String> device,
        Instant loggedAt) {

    public ScenarioHandEntry {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(cartridge, "cartridge");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(loggedAt, "loggedAt");
        if (index < 0) {
            throw new IllegalArgumentException("a hand entry index cannot be negative: " + index);
        }
        // The fields are not set yet in a compact constructor: its parameters are what there is.
        Instant end = duration.map(start::plus).orElse(start);
        if (loggedAt.isBefore(end)) {
            throw new IllegalArgumentException(
                    "hand entry " + index + " is logged (" + loggedAt + ") before it is over (" + end + ")");
        }
    }

    /** When it ended, or when it started if its duration is not said. */
    public Instant end() {
        return duration.map(start::plus).orElse(start);
    }

    /** {@code $.handLog[2]}: where this entry is in its file. */
    public String jsonPath() {
        return "$.handLog[" + index + "]";
    }

    ScenarioHandEntry shiftedBy(Duration offset) {
        return new ScenarioHandEntry(
                index, owner, start.plus(offset), duration, area, depth, cartridge, device, loggedAt.plus(offset));
    }
}
