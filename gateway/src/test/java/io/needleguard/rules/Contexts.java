package io.needleguard.rules;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Rule contexts for tests, in the owner's local time. */
final class Contexts {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Owner ME = new Owner("me", BERLIN);

    private Contexts() {
    }

    static Session at(String localDateTime, Area area, String depthMm, long counter) {
        var start = LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
        return new Session(new SessionId("P", counter), "me", area, Depth.ofMm(depthMm), 120, start,
                start.plus(Duration.ofMinutes(10)), "C-" + counter);
    }

    static RuleContext context(Session session, Session... earlier) {
        return new RuleContext(session, ME, RuleSettings.defaults(), List.of(earlier), List.of(), List.of());
    }
}
