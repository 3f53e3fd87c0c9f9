package io.needleguard.sim.scenario;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One session a simulated pen will record, with its time resolved to absolute instants.
 *
 * @param index     its position in the file's {@code sessions} array, to point at it in messages
 * @param cartridge the cartridge id the pen reads; empty when the pen could not read one
 * @param offline   the pen is out of the gateway's range during this session; see
 *                  {@link Scenario#gatewayLearnsAt(ScenarioSession)}
 */
public record ScenarioSession(
        int index,
        String pen,
        Instant start,
        Instant end,
        Area area,
        Depth depth,
        int strokeHz,
        String cartridge,
        boolean offline) {

    public ScenarioSession {
        Objects.requireNonNull(pen, "pen");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(cartridge, "cartridge");
        if (index < 0) {
            throw new IllegalArgumentException("a session index cannot be negative: " + index);
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "session " + index + " must end (" + end + ") after it starts (" + start + ")");
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** {@code $.sessions[3]}: where this session is in its file. */
    public String jsonPath() {
        return "$.sessions[" + index + "]";
    }

    ScenarioSession shiftedBy(Duration offset) {
        return new ScenarioSession(
                index, pen, start.plus(offset), end.plus(offset), area, depth, strokeHz, cartridge, offline);
    }

    public boolean overlaps(ScenarioSession other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
