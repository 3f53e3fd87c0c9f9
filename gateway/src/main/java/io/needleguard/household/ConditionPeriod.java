package io.needleguard.household;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A condition an owner has or had, from {@code from} until {@code until} (exclusive; open while
 * empty). Isotretinoin counts as active for some months after its course ends.
 *
 * @param id the history's id for it, 0 before it is stored
 */
public record ConditionPeriod(long id, String owner, Condition condition, Instant from, Optional<Instant> until) {

    public ConditionPeriod {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isPresent() && until.get().isBefore(from)) {
            throw new IllegalArgumentException(
                    condition + " cannot end (" + until.get() + ") before it starts (" + from + ")");
        }
    }

    /**
     * When it stops counting against needling: its end, or for isotretinoin the end of the day
     * {@code months} after the last day of the course, in the owner's calendar (a course ending 31
     * January covers 31 July; one ending 30 March covers 30 September, as does one ending 31 March,
     * whose day is clamped to the month's last). Empty while it has no end.
     */
    public Optional<Instant> effectiveEnd(int isotretinoinMonths, ZoneId zone) {
        if (condition != Condition.ISOTRETINOIN) {
            return until;
        }
        return until.map(
                end -> CalendarDays.endOf(CalendarDays.lastDay(end, zone).plusMonths(isotretinoinMonths), zone));
    }

    public boolean activeAt(Instant moment, int isotretinoinMonths, ZoneId zone) {
        return !moment.isBefore(from)
                && effectiveEnd(isotretinoinMonths, zone).map(moment::isBefore).orElse(true);
    }

    public ConditionPeriod withId(long newId) {
        return new ConditionPeriod(newId, owner, condition, from, until);
    }

    public ConditionPeriod endingAt(Instant end) {
        return new ConditionPeriod(id, owner, condition, from, Optional.of(end));
    }
}
