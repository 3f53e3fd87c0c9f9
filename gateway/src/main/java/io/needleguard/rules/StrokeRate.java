package io.needleguard.rules;

import io.needleguard.session.Session;
import java.util.List;

/**
 * {@code speed.out-of-range}: a stroke frequency outside what pens run at. Information about the data
 * (a pen set oddly, or a faulty reading), not a safety finding: no study sets safe limits. A session
 * of a pen logged by hand has no measured stroke rate; the rule says it did not check rather than guess
 * one. A roller has no strokes per second at all: there is nothing to check, and nothing is said.
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
        if (s.strokeHz().isEmpty()) {
            if (context.withRoller()) {
                return List.of();
            }
            return List.of(new Finding(
                    ID,
                    Severity.INFO,
                    "No stroke rate: the session was logged by hand, so its speed was not checked against the "
                            + min.value() + "-" + max.value()
                            + " Hz pens usually run at (this is about the data, not a safety finding).",
                    min.source(),
                    null));
        }
        int hz = s.strokeHz().getAsInt();
        if (hz >= min.value() && hz <= max.value()) {
            return List.of();
        }
        return List.of(new Finding(
                ID,
                Severity.INFO,
                "The pen ran at " + hz + " Hz, outside the " + min.value() + "-" + max.value()
                        + " Hz pens usually run at; check the pen's speed setting (this is about the data, not a safety finding).",
                (hz < min.value() ? min : max).source(),
                null));
    }
}
