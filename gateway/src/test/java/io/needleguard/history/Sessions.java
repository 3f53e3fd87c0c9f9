package io.needleguard.history;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Duration;
import java.time.Instant;

/** Test sessions that read like the sentence describing them. */
public final class Sessions {

    private Sessions() {}

    /** A 10-minute session of owner {@code me} at 120 Hz. */
    public static Session session(String pen, long counter, String start, Area area, String depthMm, String cartridge) {
        return session(pen, counter, "me", Instant.parse(start), area, depthMm, cartridge);
    }

    public static Session session(
            String pen, long counter, String owner, Instant start, Area area, String depthMm, String cartridge) {
        return new Session(
                new SessionId(pen, counter),
                owner,
                area,
                Depth.ofMm(depthMm),
                120,
                start,
                start.plus(Duration.ofMinutes(10)),
                cartridge);
    }
}
