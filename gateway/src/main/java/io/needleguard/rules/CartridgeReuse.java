package io.needleguard.rules;

import io.needleguard.session.Session;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code cartridge.reuse}: a single-use cartridge used again. One cartridge across one evening's
 * routine over several areas is normal; the same cartridge in a session that started more than the
 * configured hours after an earlier one ended is reuse. A cartridge used by another person is
 * shared, whenever it was: that is how blood-borne infections travel.
 */
public final class CartridgeReuse implements Rule {

    public static final String ID = "cartridge.reuse";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session session = context.session();
        if (session.cartridge().isEmpty()) {
            return List.of();
        }
        ZoneId zone = context.owner().zone();
        Sourced<Duration> after = context.settings().cartridgeReuseAfter();
        Optional<Session> shared = context.earlierCartridgeUses().stream()
                .filter(s -> !s.owner().equals(session.owner()))
                .max(Comparator.comparing(Session::endOrStart));
        if (shared.isPresent()) {
            return List.of(new Finding(
                    ID,
                    Severity.CRITICAL,
                    "Cartridge " + session.cartridge() + " was already used on another person ("
                            + shared.get().owner() + ", "
                            + CalendarDays.format(shared.get().start(), zone)
                            + "). Never share cartridges: needles carry blood-borne "
                            + "infections. Throw it away and use a new, sterile one.",
                    after.source(),
                    null));
        }
        Optional<Session> reused = context.earlierCartridgeUses().stream()
                .filter(s -> s.endOrStart().plus(after.value()).isBefore(session.start()))
                .max(Comparator.comparing(Session::endOrStart));
        return reused.map(earlier -> List.of(new Finding(
                        ID,
                        Severity.CRITICAL,
                        "Cartridge " + session.cartridge() + " was already used on "
                                + CalendarDays.format(earlier.start(), zone)
                                + " (session " + earlier.id()
                                + earlier.end()
                                        .map(end -> ", ended " + CalendarDays.time(end, zone))
                                        .orElse(", started " + CalendarDays.time(earlier.start(), zone))
                                + "). Cartridges are sterile "
                                + "and single-use: reusing one risks infection, and blunt needles tear the skin. Use a new cartridge.",
                        after.source(),
                        null)))
                .orElse(List.of());
    }
}
