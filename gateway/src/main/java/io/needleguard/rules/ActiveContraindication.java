package io.needleguard.rules;

import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.session.Session;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code contraindication.active}: needling while a condition speaks against it. The block list is
 * critical (no needling until it is over), the caution list a warning (ask a clinician first). Each
 * condition's words are its source's ({@link ConditionWords}); a condition with no end recorded is
 * never given a date, and one that usually lasts for life is never said to be over.
 */
public final class ActiveContraindication implements Rule {

    public static final String ID = "contraindication.active";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        Session s = context.session();
        ZoneId zone = context.owner().zone();
        int months = context.settings().isotretinoinMonths().value();
        return context.conditions().stream()
                .filter(c -> c.activeAt(s.start(), months, zone))
                .sorted(Comparator.comparing(ConditionPeriod::from))
                .map(c -> finding(c, context, zone, months))
                .toList();
    }

    private static Finding finding(ConditionPeriod c, RuleContext context, ZoneId zone, int months) {
        boolean block = c.condition().kind() == Condition.Kind.BLOCK;
        Optional<Instant> end = c.effectiveEnd(months, zone);
        String message = "Needled " + how(c, context.session().start(), zone) + ". "
                + CalendarDays.capitalized(ConditionWords.advice(c.condition()))
                + (c.condition() == Condition.ISOTRETINOIN ? " " + counted(context.settings()) : "")
                + (block ? ending(c, end, context, zone) : "");
        String source = c.condition() == Condition.ISOTRETINOIN
                ? context.settings().isotretinoinMonths().source()
                : ConditionWords.source(c.condition());
        Instant nextSafe = block ? end.map(context::nextSafeAt).orElse(null) : null;
        return new Finding(ID, block ? Severity.CRITICAL : Severity.WARNING, message, source, nextSafe);
    }

    /** {@code with sunburn (since Sat 24 Jan 2026)}; after an isotretinoin course, that it has ended. */
    private static String how(ConditionPeriod c, Instant session, ZoneId zone) {
        if (c.condition() == Condition.ISOTRETINOIN
                && c.until().filter(until -> !session.isBefore(until)).isPresent()) {
            return "after an isotretinoin course that ended on "
                    + CalendarDays.lastDayOrMoment(c.until().get(), zone) + " (it still counts)";
        }
        return ConditionWords.state(c.condition()) + " (since " + CalendarDays.moment(c.from(), zone) + ")";
    }

    /** What this household counts for isotretinoin: a setting, not a medical fact. */
    private static String counted(RuleSettings settings) {
        Sourced<Integer> months = settings.isotretinoinMonths();
        String span = months.value() == 0
                ? "the course only"
                : "the course and " + months.value() + (months.value() == 1 ? " month" : " months")
                        + " after its last day";
        return "needleguard counts " + span
                + (months.source().startsWith("your configuration")
                        ? " (your setting, rules.isotretinoin-months)."
                        : " (the label's figure; rules.isotretinoin-months changes it).");
    }

    /**
     * When it stops counting, if an end is recorded, and the next session that leaves; without one, how
     * to record it. No condition is said to be "safe again": the condition stops counting, no more.
     */
    private static String ending(ConditionPeriod c, Optional<Instant> end, RuleContext context, ZoneId zone) {
        String endCommand = "needleguard condition end " + c.id();
        if (end.isEmpty()) {
            return switch (c.condition()) {
                case ISOTRETINOIN -> " When the course ends, record its last day (" + endCommand + " --on DATE).";
                case BLEEDING_DISORDER -> " If it no longer applies, end it (" + endCommand + ").";
                default -> " Once it is over, end it (" + endCommand + ").";
            };
        }
        Instant e = end.get();
        String when = CalendarDays.moment(e, zone);
        String stops = ConditionWords.lifelong(c.condition())
                ? " It is recorded as no longer applying from " + when
                : c.condition() == Condition.ISOTRETINOIN
                        ? " It stops counting from " + when
                        : " It is recorded as over from " + when;
        Instant next = context.nextSafeAt(e);
        return stops + (next == null || next.equals(e) ? "" : "; " + context.nextSession(e)) + ".";
    }

    @Override
    public Optional<NextSafe> nextSafe(NextSafeQuery q) {
        ZoneId zone = q.owner().zone();
        int months = q.settings().isotretinoinMonths().value();
        return q.conditions().stream()
                .filter(c -> c.condition().kind() == Condition.Kind.BLOCK)
                .filter(c -> c.activeAt(q.now(), months, zone))
                .map(c -> new NextSafe(c.effectiveEnd(months, zone), ID, reason(c, months, zone)))
                .max(NextSafe.LATEST_LAST);
    }

    /**
     * {@code sunburn (condition #3), recorded as over from Tue 27 Jan 2026}, or that no end is recorded
     * and how to record one.
     */
    private static String reason(ConditionPeriod c, int months, ZoneId zone) {
        String what = ConditionWords.noun(c.condition()) + " (condition #" + c.id() + ")";
        Optional<Instant> end = c.effectiveEnd(months, zone);
        if (end.isPresent()) {
            return what
                    + (ConditionWords.lifelong(c.condition())
                            ? ", recorded as no longer applying from "
                            : c.condition() == Condition.ISOTRETINOIN
                                    ? ", stops counting from "
                                    : ", recorded as over from ")
                    + CalendarDays.moment(end.get(), zone);
        }
        return what + " since " + CalendarDays.moment(c.from(), zone) + ", no end recorded"
                + (ConditionWords.lifelong(c.condition())
                        ? ""
                        : ": end it once it is over (needleguard condition end " + c.id() + ")");
    }
}
