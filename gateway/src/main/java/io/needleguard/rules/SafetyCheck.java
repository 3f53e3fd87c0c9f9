package io.needleguard.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Runs the rules over one session, and answers when the next session on an area is safe. */
public final class SafetyCheck {

    private final List<Rule> rules;

    public SafetyCheck(List<Rule> rules) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }

    /** Every rule needleguard ships with (src/docs/safety-rules.md). */
    public static SafetyCheck standard() {
        return new SafetyCheck(List.of(
                new HomeDepthLimit(),
                new AreaDepthLimit(),
                new AreaNotForNeedling(),
                new MinimumSpacing(),
                new OveruseFrequency(),
                new SessionDuration(),
                new CartridgeReuse(),
                new StrokeRate(),
                new ActiveContraindication()));
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The findings for the context's session, most severe first. */
    public List<Finding> check(RuleContext context) {
        return rules.stream()
                .flatMap(rule -> rule.check(context).stream())
                .sorted(Finding.DISPLAY_ORDER)
                .toList();
    }

    /**
     * The latest time any rule allows the next session on the query's area, naming the rule; empty
     * when no rule stands in the way now.
     */
    public Optional<NextSafe> nextSafe(NextSafeQuery query) {
        return rules.stream()
                .map(rule -> rule.nextSafe(query))
                .flatMap(Optional::stream)
                .filter(n -> n.isAfter(query.now()))
                .max(NextSafe.LATEST_LAST);
    }
}
