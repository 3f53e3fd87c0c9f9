package io.needleguard.rules;

import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The interval before each session, against the minimum for its depth, as {@code spacing.min-interval}
 * counts them: calendar days since the earlier treatment of an overlapping area that sets the latest
 * safe day (usually the last one; an older, deeper one can set a later day), and the days the deeper
 * of the two asks for. For showing a history; the rule itself judges sessions.
 */
public final class SpacingIntervals {

    /**
     * One session's spacing.
     *
     * @param earlier     the first session of the earlier treatment that sets the minimum; empty for the
     *                    first session on the area (within what was given)
     * @param days        calendar days between that treatment and this session; empty without one
     * @param minimumDays the days the spacing table asks for: for the deeper of the two, or for this
     *                    session's own depth when there is no earlier one
     */
    public record Interval(Session session, Optional<Session> earlier, OptionalLong days, int minimumDays) {
        public Interval {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(earlier, "earlier");
            Objects.requireNonNull(days, "days");
        }

        /** Sooner than the minimum: what {@code spacing.min-interval} flags. */
        public boolean tooSoon() {
            return days.isPresent() && days.getAsLong() < minimumDays;
        }
    }

    private SpacingIntervals() {}

    /**
     * The spacing of each session of {@code timeline} (one owner's sessions; give
     * {@link RuleSettings#lookback()} more before the first one to be shown, so that it has its
     * earlier treatment), in timeline order.
     */
    public static List<Interval> of(List<Session> timeline, RuleSettings settings, ZoneId zone) {
        SpacingTable table = settings.spacing();
        List<Session> ordered = timeline.stream().sorted(Session.TIMELINE_ORDER).toList();
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Session session = ordered.get(i);
            // As the rule sees it: the treatments up to this session, not what later sessions added to them.
            List<Treatment> treatments = Treatment.of(
                    ordered.subList(0, i + 1), settings.continuationGap().value());
            Optional<Treatment> binding = treatments.stream()
                    .filter(t -> !t.contains(session))
                    .filter(t -> RuleContext.overlap(t.area(), session.area()))
                    .max(Comparator.comparing(t -> allowedFrom(t, session, table, zone)));
            if (binding.isEmpty()) {
                intervals.add(
                        new Interval(session, Optional.empty(), OptionalLong.empty(), table.daysFor(session.depth())));
            } else {
                Treatment t = binding.get();
                intervals.add(new Interval(
                        session,
                        Optional.of(t.first()),
                        OptionalLong.of(CalendarDays.between(t.start(), session.start(), zone)),
                        table.daysFor(Depth.deeper(t.deepest(), session.depth()))));
            }
        }
        return intervals;
    }

    private static Instant allowedFrom(Treatment t, Session session, SpacingTable table, ZoneId zone) {
        return CalendarDays.startOfDayAfter(t.start(), table.daysFor(Depth.deeper(t.deepest(), session.depth())), zone);
    }
}
