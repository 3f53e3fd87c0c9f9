package io.needleguard.rules;

import io.needleguard.session.Session;
import java.util.List;

/**
 * {@code speed.out-of-range}: a stroke frequency outside what pens run at. Information about the data
 * (a pen set oddly, or a faulty reading), not a safety finding: no study sets safe limits.
 */
public final class StrokeRate implements Rule {

    public static final String ID = "speed.out-of-range";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session s = context.session();
        Sourced<Integer> min = context.settings().strokeMinHz();
        Sourced<Integer> max = context.settings().strokeMaxHz();
        if (s.strokeHz() >= min.value() && s.strokeHz() <= max.value()) {
            return List.of();
        }
        return List.of(new Finding(
                ID,
                Severity.INFO,
                "The pen ran at " + s.strokeHz() + " Hz, outside the " + min.value() + "-" + max.value()
                        + " Hz pens usually run at; check the pen's speed setting (this is about the data, not a safety finding).",
                (s.strokeHz() < min.value() ? min : max).source(),
                null));
    }
}
