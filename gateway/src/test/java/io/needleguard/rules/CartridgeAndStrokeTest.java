package io.needleguard.rules;

import static io.needleguard.rules.Contexts.ME;
import static io.needleguard.rules.Contexts.context;
import static io.needleguard.rules.Contexts.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cartridge.reuse} and {@code speed.out-of-range}. */
class CartridgeAndStrokeTest {

    private final CartridgeReuse cartridge = new CartridgeReuse();
    private final StrokeRate stroke = new StrokeRate();

    private static Session with(String start, String cartridgeId, String owner, long counter) {
        return session(start, Area.CHEEKS, "0.25", counter, Duration.ofMinutes(10), 120, cartridgeId, owner);
    }

    private List<Finding> judge(Session session, Session... earlierUses) {
        return cartridge.check(
                context(session, ME, RuleSettings.defaults(), List.of(), List.of(earlierUses), List.of()));
    }

    @Test
    void oneEveningsRoutineWithOneCartridgeIsFine() {
        Session first = with("2026-01-05T19:00", "C-1", "me", 1); // ends 19:10
        assertEquals(List.of(), judge(with("2026-01-05T23:10", "C-1", "me", 2), first)); // exactly 4 h after
    }

    @Test
    void usingItAgainMoreThanFourHoursLaterIsReuse() {
        Session first = with("2026-01-05T19:00", "C-1", "me", 1);
        Finding f = judge(with("2026-01-05T23:11", "C-1", "me", 2), first).get(0);
        assertEquals(Severity.CRITICAL, f.severity());
        assertTrue(
                f.message().contains("Cartridge C-1 was already used on Mon 5 Jan 2026 (session P:1, ended 19:10)"),
                f.message());
        assertTrue(f.source().contains("CDC MMWR 2024"), f.source());
    }

    @Test
    void aCartridgeUsedOnAnotherPersonIsSharedEvenTheSameEvening() {
        Session theirs = with("2026-01-05T19:00", "C-1", "sam", 1);
        Finding f = judge(with("2026-01-05T19:30", "C-1", "me", 2), theirs).get(0);
        assertTrue(f.message().contains("already used on another person (sam"), f.message());
    }

    @Test
    void anUnreadCartridgeIsNotJudgedAndTheRuleSaysSo() {
        Session first = with("2026-01-01T19:00", "", "me", 1);
        List<Finding> found = judge(with("2026-01-05T19:00", "", "me", 2), first);
        assertEquals(1, found.size(), found.toString());
        assertEquals(Severity.INFO, found.get(0).severity());
        assertTrue(found.get(0).message().startsWith("Cartridge not read: reuse not checked."), found.toString());
    }

    private static Session roller(String start, String owner, long number, String cartridgeId) {
        return Session.loggedByHand(
                io.needleguard.session.SessionId.handEntry(number),
                owner,
                Area.CHEEKS,
                io.needleguard.session.Depth.ofMm("0.50"),
                Contexts.local(start),
                Optional.of(Duration.ofMinutes(5)),
                cartridgeId,
                Optional.of("roller-1"));
    }

    private static final io.needleguard.household.Device ROLLER = new io.needleguard.household.Device(
            "roller-1",
            io.needleguard.household.Device.Kind.ROLLER,
            "me",
            Optional.of(io.needleguard.session.Depth.ofMm("0.50")));

    private List<Finding> judgeRoller(Session session, Session... earlierUses) {
        return cartridge.check(context(session, ME, RuleSettings.defaults(), List.of(), List.of(), List.of())
                .withDevice(Optional.of(ROLLER), List.of(earlierUses)));
    }

    @Test
    void aRollerIsItsOwnNeedleSetAnotherPersonUsingItIsCritical() {
        Session mine = roller("2026-01-05T19:00", "me", 1, "");
        List<Finding> found = judgeRoller(roller("2026-01-05T19:35", "sam", 2, ""), mine);
        assertEquals(1, found.size(), found.toString());
        assertEquals(Severity.CRITICAL, found.get(0).severity());
        assertTrue(
                found.get(0).message().startsWith("Roller roller-1 was already used on another person (me, Mon 5 Jan"),
                found.toString());
        assertTrue(found.get(0).source().contains("CDC MMWR 2024"), found.get(0).source());
        // Its owner using it again, days later, is how a roller is used at home: no finding, and nothing unchecked.
        assertEquals(List.of(), judgeRoller(roller("2026-01-09T19:00", "me", 3, ""), mine));
        // A roller head with its own id is judged as a cartridge: another head is other needles.
        assertEquals(
                List.of(),
                judgeRoller(roller("2026-01-05T19:35", "sam", 4, ""), roller("2026-01-05T19:00", "me", 5, "H-1")));
    }

    @Test
    void aRollerHasNoStrokeRateToMeasureSoNothingIsSaidAboutOne() {
        assertEquals(
                List.of(),
                stroke.check(context(
                                roller("2026-01-05T19:00", "me", 1, ""),
                                ME,
                                RuleSettings.defaults(),
                                List.of(),
                                List.of(),
                                List.of())
                        .withDevice(Optional.of(ROLLER), List.of())));
    }

    @Test
    void aSessionLoggedByHandHasNoStrokeRateAndTheRuleSaysItDidNotCheckRatherThanGuess() {
        List<Finding> found =
                stroke.check(context(Contexts.byHand("2026-01-05T19:00", Area.CHEEKS, "0.25", 1, Optional.empty())));
        assertEquals(1, found.size());
        assertEquals(Severity.INFO, found.get(0).severity());
        assertTrue(
                found.get(0).message().startsWith("No stroke rate: the session was logged by hand"), found.toString());
        assertTrue(found.get(0).message().contains("not checked against the 30-200 Hz"), found.toString());
    }

    @Test
    void aCartridgeLoggedByHandWithoutADurationCountsFromWhenItStarted() {
        Session earlier = Session.loggedByHand(
                io.needleguard.session.SessionId.handEntry(1),
                "me",
                Area.CHEEKS,
                io.needleguard.session.Depth.ofMm("0.25"),
                Contexts.local("2026-01-05T19:00"),
                Optional.empty(),
                "R-1",
                Optional.empty());
        // 4 h 1 min after it started: reuse, whatever its unknown length was.
        List<Finding> found = judge(with("2026-01-05T23:01", "R-1", "me", 2), earlier);
        assertEquals(
                List.of(CartridgeReuse.ID), found.stream().map(Finding::rule).toList());
        assertTrue(found.get(0).message().contains("(session hand-1, started 19:00)"), found.toString());
    }

    @ParameterizedTest(name = "{0} Hz -> {1}")
    @CsvSource({"0, 1", "29, 1", "30, 0", "120, 0", "200, 0", "201, 1", "1000, 1"})
    void strokeRatesOutsideThirtyToTwoHundredAreInformation(int hz, int findings) {
        List<Finding> found = stroke.check(
                context(session("2026-01-05T19:00", Area.CHEEKS, "0.25", 1, Duration.ofMinutes(5), hz, "C", "me")));
        assertEquals(findings, found.size());
        found.forEach(f -> assertEquals(Severity.INFO, f.severity()));
    }
}
