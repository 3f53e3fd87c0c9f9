package io.needleguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What must hold for any history, not just the examples. */
class RulePropertiesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-03-01T18:00:00Z"); // spans the change to summer time
    private static final List<Area> AREAS = List.of(Area.CHEEKS, Area.FOREHEAD, Area.NOSE, Area.UNSPECIFIED);
    private static final List<String> DEPTHS = List.of("0.25", "0.5", "0.75", "1.0", "1.5");

    /** A planned session: which pen, area and depth, how long after the start, how long, which cartridge. */
    record Plan(int pen, Area area, String depth, int minutesAfterStart, int minutes, int cartridge) {}

    @Provide
    Arbitrary<List<Plan>> plans() {
        Arbitrary<Plan> plan = Combinators.combine(
                        Arbitraries.integers().between(1, 2),
                        Arbitraries.of(AREAS),
                        Arbitraries.of(DEPTHS),
                        Arbitraries.integers().between(0, 60 * 24 * 50),
                        Arbitraries.integers().between(1, 25),
                        Arbitraries.integers().between(1, 6))
                .as(Plan::new);
        return plan.list().ofMinSize(1).ofMaxSize(14);
    }

    private static List<Session> sessions(List<Plan> plans) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            Instant start = START.plus(Duration.ofMinutes(p.minutesAfterStart()));
            sessions.add(new Session(
                    new SessionId("P" + p.pen(), i + 1),
                    "me",
                    p.area(),
                    Depth.ofMm(p.depth()),
                    120,
                    start,
                    start.plus(Duration.ofMinutes(p.minutes())),
                    "C-" + p.cartridge()));
        }
        return sessions;
    }

    private static Map<SessionId, List<Finding>> recordAll(List<Session> arrivals) {
        InMemoryHistory history = new InMemoryHistory();
        SessionRecorder recorder = new SessionRecorder(
                history.history(),
                SafetyCheck.standard(),
                Household.single(BERLIN),
                Clock.fixed(START, ZoneOffset.UTC),
                RecorderListener.NONE);
        arrivals.forEach(recorder::record);
        return history.sessions().list(HistoryQuery.all()).stream()
                .collect(Collectors.toMap(r -> r.session().id(), RecordedSession::findings));
    }

    @Property(tries = 200)
    void findingsDoNotDependOnArrivalOrder(@ForAll("plans") List<Plan> plans, @ForAll Random random) {
        List<Session> inOrder = sessions(plans);
        List<Session> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, random);
        assertEquals(recordAll(inOrder), recordAll(shuffled));
    }

    /** One step of a careful user: which area and depth next, and how much longer than needed they wait. */
    record Step(Area area, String depth, int extraDays, int hour) {}

    @Provide
    Arbitrary<List<Step>> careful() {
        return Combinators.combine(
                        Arbitraries.of(AREAS),
                        Arbitraries.of(DEPTHS),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(6, 23))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(20);
    }

    @Property(tries = 200)
    void aScheduleThatWaitsForTheNextSafeTimeGetsNoSpacingOrFrequencyFinding(@ForAll("careful") List<Step> steps) {
        InMemoryHistory history = new InMemoryHistory();
        Owner me = new Owner("me", BERLIN);
        SafetyCheck check = SafetyCheck.standard();
        SessionRecorder recorder = new SessionRecorder(
                history.history(),
                check,
                Household.single(BERLIN),
                Clock.fixed(START, ZoneOffset.UTC),
                RecorderListener.NONE);
        Instant now = START;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            List<Session> timeline = history.sessions().list(HistoryQuery.all()).stream()
                    .map(RecordedSession::session)
                    .toList();
            Optional<NextSafe> next = check.nextSafe(new NextSafeQuery(
                    me, step.area(), Depth.ofMm(step.depth()), timeline, List.of(), RuleSettings.defaults(), now));
            Instant safe = next.flatMap(NextSafe::at).filter(now::isBefore).orElse(now);
            // Any time on a later day, or later the same day, is as safe as the start of the allowed day.
            Instant start = safe.atZone(BERLIN)
                    .toLocalDate()
                    .plusDays(step.extraDays())
                    .atTime(step.hour(), 0)
                    .atZone(BERLIN)
                    .toInstant();
            if (start.isBefore(safe)) {
                start = safe;
            }
            Session s = new Session(
                    new SessionId("P", i + 1),
                    "me",
                    step.area(),
                    Depth.ofMm(step.depth()),
                    120,
                    start,
                    start.plus(Duration.ofMinutes(5)),
                    "C-" + (i + 1));
            recorder.record(s);
            List<Finding> findings =
                    history.sessions().find(s.id()).orElseThrow().findings();
            assertTrue(
                    findings.stream()
                            .noneMatch(f -> f.rule().equals(MinimumSpacing.ID)
                                    || f.rule().equals(OveruseFrequency.ID)),
                    () -> "session " + s + " started at the next safe time " + safe + " and got " + findings);
            now = s.end().orElseThrow();
        }
    }

    /**
     * Whatever a finding names as the next safe time is safe for spacing and frequency: a session on
     * the same area at the same depth, booked at that moment with the history as it was, gets neither.
     */
    @Property(tries = 200)
    void aSessionBookedAtAFindingsNextSafeTimeGetsNoSpacingOrFrequencyFinding(@ForAll("plans") List<Plan> plans) {
        List<Session> timeline =
                sessions(plans).stream().sorted(Session.TIMELINE_ORDER).toList();
        for (int i = 0; i < timeline.size(); i++) {
            List<Session> upTo = timeline.subList(0, i + 1);
            InMemoryHistory history = new InMemoryHistory();
            SessionRecorder recorder = new SessionRecorder(
                    history.history(),
                    SafetyCheck.standard(),
                    Household.single(BERLIN),
                    Clock.fixed(START, ZoneOffset.UTC),
                    RecorderListener.NONE);
            upTo.forEach(recorder::record);
            Session judged = upTo.get(i);
            for (Finding f : history.sessions().find(judged.id()).orElseThrow().findings()) {
                if (f.nextSafeAt() == null) {
                    continue;
                }
                Session booked = new Session(
                        new SessionId("BOOKED", 1),
                        "me",
                        judged.area(),
                        judged.depth(),
                        120,
                        f.nextSafeAt(),
                        f.nextSafeAt().plus(Duration.ofMinutes(5)),
                        "C-BOOKED");
                List<Finding> then = recorder.evaluate(booked);
                assertTrue(
                        then.stream()
                                .noneMatch(g -> g.rule().equals(MinimumSpacing.ID)
                                        || g.rule().equals(OveruseFrequency.ID)),
                        () -> f.rule() + " of " + judged + " named " + f.nextSafeAt() + ", but a session then gets "
                                + then);
            }
        }
    }

    @Property(tries = 500)
    void aDeeperSessionNeverGetsFewerOrMilderDepthFindings(
            @ForAll("depthPairs") List<Integer> hundredths,
            @ForAll("areas") Area area,
            @ForAll("skins") Optional<SkinType> skin) {
        int shallow = Math.min(hundredths.get(0), hundredths.get(1));
        int deep = Math.max(hundredths.get(0), hundredths.get(1));
        Owner owner = new Owner("me", BERLIN, skin);
        List<Finding> a = depthFindings(area, shallow, owner);
        List<Finding> b = depthFindings(area, deep, owner);
        assertTrue(b.size() >= a.size(), () -> deep + " got " + b + " but " + shallow + " got " + a);
        Severity worstA =
                a.stream().map(Finding::severity).max(Severity::compareTo).orElse(Severity.INFO);
        Severity worstB =
                b.stream().map(Finding::severity).max(Severity::compareTo).orElse(Severity.INFO);
        assertTrue(worstB.compareTo(worstA) >= 0);
    }

    private static List<Finding> depthFindings(Area area, int hundredths, Owner owner) {
        Session s = new Session(
                new SessionId("P", 1),
                "me",
                area,
                Depth.ofHundredths(hundredths),
                120,
                START,
                START.plus(Duration.ofMinutes(5)),
                "C");
        Set<String> depthRules = Set.of(HomeDepthLimit.ID, AreaDepthLimit.ID);
        return SafetyCheck.standard()
                .check(new RuleContext(s, owner, RuleSettings.defaults(), List.of(), List.of(), List.of()))
                .stream()
                .filter(f -> depthRules.contains(f.rule()))
                .toList();
    }

    @Provide
    Arbitrary<List<Integer>> depthPairs() {
        return Arbitraries.integers().between(0, 300).list().ofSize(2);
    }

    @Provide
    Arbitrary<Area> areas() {
        return Arbitraries.of(Area.values());
    }

    @Provide
    Arbitrary<Optional<SkinType>> skins() {
        return Arbitraries.of(SkinType.values()).optional();
    }
}
