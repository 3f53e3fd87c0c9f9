package io.needleguard.rules;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Rule contexts for tests, in the owner's local time (Berlin). */
final class Contexts {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Owner ME = new Owner("me", BERLIN);

    private Contexts() {}

    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    /** A 10-minute session of {@code me} at 120 Hz with its own cartridge. */
    static Session at(String localDateTime, Area area, String depthMm, long counter) {
        return session(localDateTime, area, depthMm, counter, Duration.ofMinutes(10), 120, "C-" + counter, "me");
    }

    static Session session(
            String localDateTime,
            Area area,
            String depthMm,
            long counter,
            Duration duration,
            int hz,
            String cartridge,
            String owner) {
        Instant start = local(localDateTime);
        return new Session(
                new SessionId("P", counter),
                owner,
                area,
                Depth.ofMm(depthMm),
                hz,
                start,
                start.plus(duration),
                cartridge);
    }

    /** A session {@code me} logged by hand: no stroke rate, and a duration only when given. */
    static Session byHand(String localDateTime, Area area, String depthMm, long number, Optional<Duration> duration) {
        return Session.loggedByHand(
                SessionId.handEntry(number),
                "me",
                area,
                Depth.ofMm(depthMm),
                local(localDateTime),
                duration,
                "",
                Optional.empty());
    }

    static RuleContext context(Session session, Session... earlier) {
        return new RuleContext(session, ME, RuleSettings.defaults(), List.of(earlier), List.of(), List.of());
    }

    static RuleContext context(
            Session session,
            Owner owner,
            RuleSettings settings,
            List<Session> earlier,
            List<Session> cartridgeUses,
            List<ConditionPeriod> conditions) {
        return new RuleContext(session, owner, settings, earlier, cartridgeUses, conditions);
    }

    static Owner withSkin(SkinType type) {
        return new Owner("me", BERLIN, Optional.of(type));
    }
}
