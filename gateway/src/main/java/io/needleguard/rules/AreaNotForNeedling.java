package io.needleguard.rules;

import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.util.List;
import java.util.Optional;

/** {@code area.not-for-needling}: an area never needled at home (the eyelids, inside the orbital rim). */
public final class AreaNotForNeedling implements Rule {

    public static final String ID = "area.not-for-needling";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session s = context.session();
        Sourced<java.util.Set<Area>> forbidden = context.settings().notForNeedling();
        if (!forbidden.value().contains(s.area())) {
            return List.of();
        }
        String where = s.area() == Area.EYELIDS
                ? "the eyelids (inside the orbital rim)"
                : s.area().id();
        String instead =
                s.area() == Area.EYELIDS ? " Around the eyes, stay outside the orbital rim (area periorbital)." : "";
        return List.of(new Finding(
                ID,
                Severity.CRITICAL,
                "Needled " + where
                        + ": this area is not for needling at home; the skin is thinnest there and the eye is at risk."
                        + instead,
                forbidden.source(),
                null));
    }

    @Override
    public Optional<NextSafe> nextSafe(NextSafeQuery q) {
        if (!q.settings().notForNeedling().value().contains(q.area())) {
            return Optional.empty();
        }
        return Optional.of(NextSafe.never(ID, q.area() + " is not for needling at home"));
    }
}
