package io.needleguard.profile;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.util.Objects;

/**
 * The pen's live status, notified on every change (start, stop, a new depth or area).
 *
 * @param sequence wraps at 65536; lets a reader notice lost notifications
 */
public record StatusFrame(boolean running, int sequence, Depth depth, int strokeHz, Area area, String cartridge) {

    public StatusFrame {
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(cartridge, "cartridge");
    }
}
