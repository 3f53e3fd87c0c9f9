package io.needleguard.rules;

import io.needleguard.household.Owner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Runs the rules over one session, and answers when the next session on an area is safe. */
public final class SafetyCheck {

    private final List<Rule> rules;
    private final RuleBook book;

    /** @param book the thresholds the rules apply, per owner */
    public SafetyCheck(List<Rule> rules, RuleBook book) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        this.book = Objects.requireNonNull(book, "book");
    }

    /** Every rule needleguard ships with (src/docs/safety-rules.md), with the default thresholds. */
    public static SafetyCheck standard() {
        return standard(RuleBook.defaults());
    }

    /** Every rule needleguard ships with, with the thresholds of {@code book} (the configuration's). */
    public static SafetyCheck standard(RuleBook book) {
        return new SafetyCheck(
                List.of(
                        new HomeDepthLimit(),
                        new AreaDepthLimit(),
                        new AreaNotForNeedling(),
                        new MinimumSpacing(),
                        new OveruseFrequency(),
                        new SessionDuration(),
                        new CartridgeReuse(),
                        new StrokeRate(),
                        new ActiveContraindication()),
                book);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The thresholds that apply to this owner. */
    public RuleSettings settingsFor(Owner owner) {
        return book.settingsFor(owner);
    }

    public RuleBook book() {
        return book;
    }

    /**
     * The findings for the context's session, most severe first. A finding that names a date names
     * the latest any rule allows for the next session on the area, the date {@code status} gives.
     */
    public List<Finding> check(RuleContext context) {
        RuleContext judged = context.withNextSafeOnArea(nextSafe(context.nextSafeQuery()));
        return rules.stream()
                .flatMap(rule -> rule.check(judged).stream())
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
