package io.needleguard.person;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A report on one person's home needling for their clinician: who and which period, the sessions per
 * area with their depth over time against the limit in force, every finding with its reason and
 * source, the conditions recorded, the cartridges used, and what needleguard is not.
 *
 * @param from        the first day of the period (the person's time zone)
 * @param to          the last day of the period
 * @param areas       per area needled in the period, in the order of {@link Area}
 * @param findings    every finding of the period's sessions, oldest session first
 * @param conditions  the conditions that overlap the period
 * @param cartridges  the cartridges used in the period, in the order first used
 * @param generatedAt when the report was made
 */
public record ClinicianReport(
        Owner owner,
        LocalDate from,
        LocalDate to,
        int sessions,
        List<AreaSeries> areas,
        List<SessionFinding> findings,
        List<ConditionPeriod> conditions,
        int isotretinoinMonths,
        List<CartridgeUse> cartridges,
        Instant generatedAt) {

    /** What needleguard is, on every report (as in the README and on the dashboard). */
    public static final String DISCLAIMER = "needleguard informs; it does not diagnose or replace a clinician. "
            + "It records what the pens and the person reported and judges it against rules that rest on thin "
            + "evidence in places; each finding names its source. Depths are the pen's setting, not a measured "
            + "penetration.";

    public ClinicianReport {
        Objects.requireNonNull(owner, "owner");
        areas = List.copyOf(areas);
        findings = List.copyOf(findings);
        conditions = List.copyOf(conditions);
        cartridges = List.copyOf(cartridges);
    }

    /**
     * One area's sessions in the period, for a chart of depth over time.
     *
     * @param limit the depth the rules allow on this area at home, with its source, if any
     */
    public record AreaSeries(Area area, List<Point> points, Optional<Limit> limit) {
        public AreaSeries {
            points = List.copyOf(points);
        }

        public Depth deepest() {
            return points.stream().map(Point::depth).max(Depth::compareTo).orElseThrow();
        }

        public Depth shallowest() {
            return points.stream().map(Point::depth).min(Depth::compareTo).orElseThrow();
        }
    }

    /** A depth limit and where it comes from. */
    public record Limit(Depth depth, String source) {}

    /**
     * One session on the chart.
     *
     * @param worst the most serious of its findings, empty when it has none
     */
    public record Point(Instant start, Depth depth, Optional<Severity> worst) {}

    /** A finding with the session it is about. */
    public record SessionFinding(Session session, Finding finding) {}

    /** A cartridge and the sessions in the period that used it. */
    public record CartridgeUse(String cartridge, int sessions, Instant first, Instant last, List<Area> areas) {
        public CartridgeUse {
            areas = List.copyOf(areas);
        }

        /** Used for more than one session: a cartridge is single-use. */
        public boolean reused() {
            return sessions > 1;
        }
    }
}
