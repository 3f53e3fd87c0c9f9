package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.NextSafe;
import io.needleguard.rules.NextSafeQuery;
import io.needleguard.rules.RuleSettings;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.rules.Severity;
import io.needleguard.rules.Sourced;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** When each owner may next needle each area, and which rule says so: {@code needleguard status}. */
public final class SafetyStatus {

    /**
     * One area's status.
     *
     * @param nextSafe empty when nothing stands in the way now
     * @param last     the owner's latest session on this area within the rules' look-back
     */
    public record AreaStatus(Area area, Optional<NextSafe> nextSafe, Optional<Session> last) {}

    /**
     * An owner's whole status at a moment: every area, how many findings are open (warnings and
     * critical findings of the last {@link #OPEN_DAYS} days), and the latest of them.
     *
     * @param latestAlert the most serious finding of the latest session with an open one: a finding a
     *                    later re-judgement removed is never it
     */
    public record OwnerStatus(
            Owner owner, Instant at, List<AreaStatus> areas, int openFindings, Optional<Alert> latestAlert) {
        public OwnerStatus {
            areas = List.copyOf(areas);
            Objects.requireNonNull(latestAlert, "latestAlert");
        }

        public OwnerStatus(Owner owner, Instant at, List<AreaStatus> areas, int openFindings) {
            this(owner, at, areas, openFindings, Optional.empty());
        }
    }

    /** A finding with the session it is about. */
    public record Alert(Session session, Finding finding) {}

    /** How long a warning or critical finding counts as open. */
    public static final int OPEN_DAYS = 7;

    private final SessionHistory history;
    private final ConditionHistory conditions;
    private final SafetyCheck check;

    public SafetyStatus(SessionHistory history, ConditionHistory conditions, SafetyCheck check) {
        this.history = history;
        this.conditions = conditions;
        this.check = check;
    }

    public OwnerStatus statusOf(Owner owner, Instant now) {
        Instant since = now.atZone(owner.zone()).minusDays(OPEN_DAYS).toInstant();
        List<RecordedSession> recent = history.ownerSessions(owner.id(), since, now.plusSeconds(1));
        int open = (int) recent.stream()
                .flatMap(r -> r.findings().stream())
                .filter(SafetyStatus::isOpen)
                .count();
        Optional<Alert> latest = Optional.empty();
        for (RecordedSession r : recent) { // timeline order: the last one found is the latest
            Optional<Finding> worst =
                    r.findings().stream().filter(SafetyStatus::isOpen).findFirst();
            if (worst.isPresent()) {
                latest = Optional.of(new Alert(r.session(), worst.get()));
            }
        }
        return new OwnerStatus(owner, now, forOwner(owner, now), open, latest);
    }

    /** Warnings and critical findings are open; an info is a note on data quality. */
    private static boolean isOpen(Finding f) {
        return f.severity() != Severity.INFO;
    }

    /**
     * Every area of the owner at {@code now}. The next session is assumed as deep as the last one on
     * that area; for an area not needled lately, as deep as its limit.
     */
    public List<AreaStatus> forOwner(Owner owner, Instant now) {
        RuleSettings settings = check.settingsFor(owner);
        Instant from = now.atZone(owner.zone()).minus(settings.lookback()).toInstant();
        List<Session> timeline = history.ownerSessions(owner.id(), from, now.plusSeconds(1)).stream()
                .map(RecordedSession::session)
                .filter(s -> !s.start().isAfter(now))
                .toList();
        List<ConditionPeriod> theirs = conditions.conditions(owner.id());
        List<AreaStatus> statuses = new ArrayList<>();
        for (Area area : Area.values()) {
            Optional<Session> last =
                    timeline.stream().filter(s -> s.area() == area).max(Comparator.comparing(Session::start));
            Depth depth = last.map(Session::depth)
                    .orElseGet(() -> settings.areaLimits()
                            .limitFor(area, owner.skinType())
                            .map(Sourced::value)
                            .orElse(settings.homeWarningAbove().value()));
            Optional<NextSafe> next =
                    check.nextSafe(new NextSafeQuery(owner, area, depth, timeline, theirs, settings, now));
            statuses.add(new AreaStatus(area, next, last));
        }
        return statuses;
    }
}
