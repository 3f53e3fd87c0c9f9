package io.needleguard.rules;

import io.needleguard.household.SkinType;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.util.List;

/**
 * {@code depth.area-limit}: deeper than the area takes. Thin skin (around the eyes, the forehead,
 * the neck) takes less than the cheeks; darker skin types get lower limits; an unspecified area
 * takes the lowest limit of all.
 */
public final class AreaDepthLimit implements Rule {

    public static final String ID = "depth.area-limit";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session session = context.session();
        if (context.settings().notForNeedling().value().contains(session.area())) {
            return List.of();
        }
        return context.settings()
                .areaLimits()
                .limitFor(session.area(), context.owner().skinType())
                .filter(limit -> session.depth().isAbove(limit.value()))
                .map(limit -> List.of(new Finding(ID, Severity.WARNING, message(context, limit), limit.source(), null)))
                .orElse(List.of());
    }

    private static String message(RuleContext context, Sourced<io.needleguard.session.Depth> limit) {
        Session s = context.session();
        if (s.area() == Area.UNSPECIFIED) {
            return "Needled an unspecified area at " + s.depth()
                    + "; without a chosen area the lowest area limit applies, "
                    + limit.value() + ". "
                    + s.pen()
                            .map(pen -> "Choose the area before you start (needleguard area set " + pen + " AREA)")
                            .orElse("Say the area when you log a session")
                    + ", or stay at " + limit.value() + ".";
        }
        String skin = context.owner()
                .skinType()
                .filter(SkinType::isDark)
                .filter(t -> limit.equals(context.settings().areaLimits().darkSkinCap()))
                .map(t -> " for skin type " + t.id() + " (darker skin marks more easily after needling)")
                .orElse("");
        return "Needled " + s.area() + " at " + s.depth() + "; the limit there is " + limit.value() + skin + ". Use "
                + limit.value() + " or less on " + s.area() + ".";
    }
}
