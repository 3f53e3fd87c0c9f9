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
 * critical (no needling until it is over), the caution list a warning (ask a clinician first).
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
        String since = " (since " + CalendarDays.format(c.from(), zone) + ")";
        String message = "Needled while " + describe(c.condition()) + since + ": " + advice(c.condition(), months)
                + end.filter(e -> block)
                        .map(e -> " Needling is safe again from " + CalendarDays.format(e, zone)
                                + (sameDay(context.nextSafeAt(e), e, zone) ? "" : "; " + context.nextSession(ID, e))
                                + ".")
                        .orElse(block ? " When it is over, end it with 'needleguard condition end'." : "");
        String source = c.condition() == Condition.ISOTRETINOIN
                ? context.settings().isotretinoinMonths().source()
                : block ? Sources.CONTRAINDICATION_BLOCK : Sources.CONTRAINDICATION_CAUTION;
        Instant nextSafe = block ? end.map(context::nextSafeAt).orElse(null) : null;
        return new Finding(ID, block ? Severity.CRITICAL : Severity.WARNING, message, source, nextSafe);
    }

    private static boolean sameDay(Instant a, Instant b, ZoneId zone) {
        return a != null && CalendarDays.dateOf(a, zone).equals(CalendarDays.dateOf(b, zone));
    }

    @Override
    public Optional<NextSafe> nextSafe(NextSafeQuery q) {
        ZoneId zone = q.owner().zone();
        int months = q.settings().isotretinoinMonths().value();
        return q.conditions().stream()
                .filter(c -> c.condition().kind() == Condition.Kind.BLOCK)
                .filter(c -> c.activeAt(q.now(), months, zone))
                .map(c -> new NextSafe(
                        c.effectiveEnd(months, zone),
                        ID,
                        describe(c.condition()) + " is active"
                                + c.effectiveEnd(months, zone).map(e -> "").orElse(" (no end date yet)")))
                .max(NextSafe.LATEST_LAST);
    }

    static String describe(Condition c) {
        return switch (c) {
            case SKIN_INFECTION -> "a skin infection";
            case COLD_SORE -> "a cold sore";
            case OPEN_WOUND -> "an open wound";
            case SUNBURN -> "sunburn";
            case ACNE_FLARE -> "an acne flare";
            case DERMATITIS_FLARE -> "an eczema, rosacea or psoriasis flare";
            case BLEEDING_DISORDER -> "a bleeding disorder";
            case ISOTRETINOIN -> "isotretinoin";
            case ANTICOAGULANTS -> "taking anticoagulants";
            case KELOID_HISTORY -> "a history of keloid scars";
            case PREGNANCY -> "pregnant or breastfeeding";
            case POOR_WOUND_HEALING -> "poor wound healing or diabetes";
            case IMMUNOSUPPRESSION -> "immunosuppressed";
        };
    }

    private static String advice(Condition c, int months) {
        return switch (c) {
            case SKIN_INFECTION -> "needling spreads an infection; wait until it has cleared.";
            case COLD_SORE -> "needling can spread the herpes virus across the face; wait until the sore has healed.";
            case OPEN_WOUND -> "wait until the skin has closed.";
            case SUNBURN -> "burnt skin is already injured; wait until it has fully healed.";
            case ACNE_FLARE -> "needling spreads bacteria from active spots; wait until the flare has settled.";
            case DERMATITIS_FLARE -> "needling inflamed skin makes it worse; wait until the flare has settled.";
            case BLEEDING_DISORDER -> "needling can cause bleeding that does not stop; do not needle at home.";
            case ISOTRETINOIN ->
                "skin heals poorly and scars more easily on isotretinoin and for " + months
                        + " months after the last dose.";
            case ANTICOAGULANTS -> "bruising and bleeding are more likely; ask your clinician before needling.";
            case KELOID_HISTORY -> "needling can set off keloid scars; ask your clinician before needling.";
            case PREGNANCY -> "needling is not advised while pregnant or breastfeeding; ask your clinician.";
            case POOR_WOUND_HEALING -> "wounds heal slower and infect more easily; ask your clinician before needling.";
            case IMMUNOSUPPRESSION -> "infections are more likely; ask your clinician before needling.";
        };
    }
}
