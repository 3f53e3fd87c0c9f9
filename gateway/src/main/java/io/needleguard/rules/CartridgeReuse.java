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
 *
 * <p>A roller has no cartridge to replace: the roller is its own needle set, so a configured roller
 * used by another person is shared as a cartridge is (its owner using it again is how rollers are
 * used at home, and is not flagged). A session whose needles nobody identified (a pen that did not read
 * its cartridge, a hand entry without a cartridge id or roller) is not judged, and the rule says so.
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
        if (!session.cartridge().isEmpty()) {
            return cartridge(context);
        }
        if (context.withRoller()) {
            return roller(context);
        }
        return List.of(notChecked(session));
    }

    private static List<Finding> cartridge(RuleContext context) {
        Session session = context.session();
        ZoneId zone = context.owner().zone();
        Sourced<Duration> after = context.settings().cartridgeReuseAfter();
        Optional<Session> shared = sharedWith(context.earlierCartridgeUses(), session);
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

    /** A roller's needles cannot be replaced: another person's use of it is sharing needles. */
    private static List<Finding> roller(RuleContext context) {
        Session session = context.session();
        String roller = context.device().orElseThrow().id();
        List<Session> sameNeedles = context.earlierDeviceUses().stream()
                .filter(s -> s.cartridge().isEmpty())
                .toList();
        return sharedWith(sameNeedles, session)
                .map(other -> List.of(new Finding(
                        ID,
                        Severity.CRITICAL,
                        "Roller " + roller + " was already used on another person (" + other.owner() + ", "
                                + CalendarDays.format(
                                        other.start(), context.owner().zone())
                                + "). A roller's needles cannot be replaced, so sharing the roller is sharing"
                                + " needles, and needles carry blood-borne infections. Use a roller of your own,"
                                + " and do not use this one again.",
                        Sources.ROLLER_SHARED,
                        null)))
                .orElse(List.of());
    }

    /** The latest earlier use by someone else. */
    private static Optional<Session> sharedWith(List<Session> earlierUses, Session session) {
        return earlierUses.stream()
                .filter(s -> !s.owner().equals(session.owner()))
                .max(Comparator.comparing(Session::endOrStart));
    }

    /** Nobody said which needles these were: reuse and sharing were not checked, and that is said. */
    private static Finding notChecked(Session session) {
        String message = session.isHandEntry()
                ? "No cartridge id: reuse not checked. The session was logged by hand without a cartridge id, so"
                        + " whether its needles were used before, or by another person, was not checked. Give it"
                        + " (needleguard log edit " + session.id() + " --cartridge C-12) to have it checked"
                        + (session.device().isEmpty()
                                ? "; a roller is checked as its own needle set when it is named under devices: in"
                                        + " the configuration and logged with --device."
                                : ".")
                : "Cartridge not read: reuse not checked. The pen did not report a cartridge id, so whether its"
                        + " needles were used before, or by another person, was not checked; check that the"
                        + " cartridge sits right (this is about the data, not a safety finding).";
        return new Finding(ID, Severity.INFO, message, Sources.CARTRIDGE, null);
    }
}
