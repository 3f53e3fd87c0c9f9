package io.needleguard.rules;

import io.needleguard.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to do and avoid after a session, each with the time it applies until, counted from the end
 * of the session (the safety reference, Part A; src/docs/safety-rules.md gives the sources), or from
 * its start when a session logged by hand has no duration.
 */
public final class Aftercare {

    /**
     * One piece of advice and when it stops applying.
     *
     * @param id a stable id for consumers ({@code no-makeup}, {@code sunscreen}...)
     */
    public record Step(String id, String advice, Instant until) {
        public Step {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(advice, "advice");
            Objects.requireNonNull(until, "until");
        }
    }

    private record Rule(String id, String advice, Duration window) {}

    private static final List<Rule> PLAN = List.of(
            new Rule("no-makeup", "No makeup on the treated skin", Duration.ofHours(24)),
            new Rule("no-sun", "No direct sun on the treated skin", Duration.ofHours(72)),
            new Rule("no-heat", "No sauna, heat or hard exercise", Duration.ofHours(72)),
            new Rule(
                    "suitable-products",
                    "Apply only products meant for use after needling (unsuitable serums have caused granulomas)",
                    Duration.ofHours(72)),
            new Rule("no-actives", "No retinoids, AHA/BHA or vitamin C", Duration.ofDays(7)),
            new Rule("sunscreen", "Sunscreen SPF 30 or higher every day", Duration.ofDays(14)));

    private Aftercare() {}

    public static List<Step> planFor(Session session) {
        return PLAN.stream()
                .map(r -> new Step(r.id(), r.advice(), session.endOrStart().plus(r.window())))
                .toList();
    }

    /** The steps still in force at {@code now}. */
    public static List<Step> activeAt(Session session, Instant now) {
        return planFor(session).stream().filter(s -> now.isBefore(s.until())).toList();
    }
}
