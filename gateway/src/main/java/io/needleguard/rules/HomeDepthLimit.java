package io.needleguard.rules;

import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.util.List;

/** {@code depth.home-limit}: needling deeper than home use allows (warning), or than home pens go (critical). */
public final class HomeDepthLimit implements Rule {

    public static final String ID = "depth.home-limit";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session session = context.session();
        Depth depth = session.depth();
        Sourced<Depth> critical = context.settings().homeCriticalAbove();
        Sourced<Depth> warning = context.settings().homeWarningAbove();
        if (depth.isAbove(critical.value())) {
            return List.of(new Finding(
                    ID,
                    Severity.CRITICAL,
                    "Needled " + session.area() + " at " + depth + ", above the " + critical.value()
                            + " maximum for home pens. Deeper needling belongs in a clinic; set the pen to "
                            + warning.value() + " or less.",
                    critical.source(),
                    null));
        }
        if (depth.isAbove(warning.value())) {
            return List.of(new Finding(
                    ID,
                    Severity.WARNING,
                    "Needled " + session.area() + " at " + depth + ", above the " + warning.value()
                            + " home-use limit. Use " + warning.value() + " or less at home.",
                    warning.source(),
                    null));
        }
        return List.of();
    }
}
