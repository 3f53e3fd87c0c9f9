package io.needleguard.rules;

import java.util.List;
import java.util.Objects;

/** Runs a set of rules over one session and returns their findings in display order. */
public final class SafetyCheck {

    private final List<Rule> rules;

    public SafetyCheck(List<Rule> rules) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }

    /** The rules needleguard ships with. */
    public static SafetyCheck standard() {
        return new SafetyCheck(List.of(new HomeDepthLimit(), new MinimumSpacing()));
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Finding> check(RuleContext context) {
        return rules.stream()
                .flatMap(rule -> rule.check(context).stream())
                .sorted(Finding.DISPLAY_ORDER)
                .toList();
    }
}
