package io.needleguard.profile;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Instant;
import java.util.Objects;

/**
 * One session as the pen stored it, notified when it ends or when the gateway asks for stored records.
 *
 * @param counter   the pen's own session counter, from 1; with the serial it identifies the session
 * @param cartridge the cartridge id the pen read, empty when it could not read one
 */
public record SessionRecordFrame(
        long counter, Instant start, Instant end, Depth depth, int strokeHz, Area area, String cartridge) {

    public SessionRecordFrame {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(cartridge, "cartridge");
    }
}
