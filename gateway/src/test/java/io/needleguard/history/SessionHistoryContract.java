package io.needleguard.history;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SessionHistory} does, with the {@link Transactions} of its store, run against each implementation. */
public abstract class SessionHistoryContract {

    /** A store under test: its sessions port, its transactions, and how to close it. */
    public record Store(SessionHistory sessions, Transactions transactions, AutoCloseable closer) {}

    protected SessionHistory history;
    protected Transactions transactions;
    private Store store;
    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00.123Z");

    protected abstract Store create();

    @BeforeEach
    void open() {
        use(create());
    }

    /** Makes {@code next} the store under test (after a test reopened it). */
    protected void use(Store next) {
        store = next;
        history = next.sessions();
        transactions = next.transactions();
    }

    @AfterEach
    void close() throws Exception {
        store.closer().close();
    }

    /** The store opened again, as after a restart (closing {@code open}); a store in memory is its own reopening. */
    protected Store reopen(Store open) throws Exception {
        return open;
    }

    protected static final Finding SPACING = new Finding(
            "spacing.min-interval",
            Severity.WARNING,
            "Cheeks needled 3 days after … — «wait» 14 days ✓",
            "Alam 2014 [P]",
            Instant.parse("2026-01-19T23:00:00Z"));
    protected static final Finding DEPTH =
            new Finding("depth.home-limit", Severity.CRITICAL, "1.50 mm", "Dr.Pen [M]", null);
    protected static final Finding SPEED = new Finding("speed.out-of-range", Severity.INFO, "250 Hz", "[M]", null);

    @Test
    void storesEveryFieldAndFindingsInOrder() {
        Session s = session("SIM-0001", 7, "2026-01-05T18:00:00Z", Area.UPPER_LIP, "0.25", "C-0001");
        assertTrue(history.add(s, List.of(DEPTH, SPACING, SPEED), NOW));

        RecordedSession stored = history.find(s.id()).orElseThrow();
        assertEquals(s, stored.session());
        assertEquals(List.of(DEPTH, SPACING, SPEED), stored.findings());
        assertEquals(NOW, stored.recordedAt());
    }

    @Test
    void aSessionSeenTwiceIsStoredOnce() {
        Session first = session("SIM-0001", 7, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-0001");
        Session again = session("SIM-0001", 7, "2026-01-09T18:00:00Z", Area.NOSE, "0.25", "C-0002");
        assertTrue(history.add(first, List.of(SPACING), NOW));
        assertFalse(history.add(again, List.of(), NOW));

        RecordedSession stored = history.find(first.id()).orElseThrow();
        assertEquals(first, stored.session());
        assertEquals(List.of(SPACING), stored.findings());
        assertEquals(1, history.list(HistoryQuery.all()).size());
    }

    @Test
    void atomicallyStoresNothingWhenTheWorkFails() {
        Session a = session("SIM-0001", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-0001");
        Session b = session("SIM-0001", 2, "2026-01-06T18:00:00Z", Area.CHEEKS, "0.5", "C-0002");
        history.add(a, List.of(), NOW);

        assertThrows(
                IllegalStateException.class,
                () -> transactions.atomically(() -> {
                    history.add(b, List.of(), NOW);
                    history.replaceFindings(a.id(), List.of(SPACING));
                    throw new IllegalStateException("disk full");
                }));

        assertTrue(history.find(b.id()).isEmpty());
        assertEquals(List.of(), history.find(a.id()).orElseThrow().findings());
    }

    @Test
    void atomicallyKeepsEverythingWhenTheWorkSucceeds() {
        Session a = session("SIM-0001", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-0001");
        Session b = session("SIM-0001", 2, "2026-01-06T18:00:00Z", Area.CHEEKS, "0.5", "C-0002");
        String result = transactions.atomically(() -> {
            history.add(a, List.of(), NOW);
            transactions.atomically(() -> history.add(b, List.of(SPACING), NOW));
            return "done";
        });
        assertEquals("done", result);
        assertEquals(2, history.list(HistoryQuery.all()).size());
    }

    @Test
    void replacesFindings() {
        Session s = session("SIM-0001", 1, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-0001");
        history.add(s, List.of(SPACING, DEPTH), NOW);
        history.replaceFindings(s.id(), List.of(SPEED));
        assertEquals(List.of(SPEED), history.find(s.id()).orElseThrow().findings());
        history.replaceFindings(s.id(), List.of());
        assertEquals(List.of(), history.find(s.id()).orElseThrow().findings());
    }

    @Test
    void listsInTimelineOrderWithTiesBrokenByPenThenCounter() {
        Session late = session("SIM-0001", 9, "2026-01-07T18:00:00Z", Area.CHEEKS, "0.5", "C-1");
        Session tieB = session("SIM-0002", 3, "2026-01-05T18:00:00Z", Area.NOSE, "0.25", "C-2");
        Session tieA2 = session("SIM-0001", 12, "2026-01-05T18:00:00Z", Area.CHIN, "0.25", "C-3");
        Session tieA1 = session("SIM-0001", 2, "2026-01-05T18:00:00Z", Area.NECK, "0.25", "C-4");
        for (Session s : List.of(late, tieB, tieA2, tieA1)) {
            history.add(s, List.of(), NOW);
        }
        assertEquals(List.of(tieA1, tieA2, tieB, late), sessions(history.list(HistoryQuery.all())));
    }

    @Test
    void ownerSessionsIncludeTheStartBoundAndExcludeTheEnd() {
        Session before = session("P", 1, "me", Instant.parse("2026-01-04T23:59:59Z"), Area.CHEEKS, "0.5", "C-1");
        Session atFrom = session("P", 2, "me", Instant.parse("2026-01-05T00:00:00Z"), Area.CHEEKS, "0.5", "C-2");
        Session inside = session("P", 3, "me", Instant.parse("2026-01-06T00:00:00Z"), Area.CHEEKS, "0.5", "C-3");
        Session atTo = session("P", 4, "me", Instant.parse("2026-01-07T00:00:00Z"), Area.CHEEKS, "0.5", "C-4");
        Session otherOwner = session("Q", 1, "sam", Instant.parse("2026-01-06T00:00:00Z"), Area.CHEEKS, "0.5", "C-5");
        for (Session s : List.of(before, atFrom, inside, atTo, otherOwner)) {
            history.add(s, List.of(), NOW);
        }
        assertEquals(
                List.of(atFrom, inside),
                sessions(history.ownerSessions(
                        "me", Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-07T00:00:00Z"))));
        assertEquals(
                List.of(before, atFrom, inside, atTo), sessions(history.ownerSessions("me", Instant.MIN, Instant.MAX)));
    }

    @Test
    void cartridgeUsesSpanOwnersAndIgnoreUnknownCartridges() {
        Session mine = session("P", 1, "me", Instant.parse("2026-01-05T18:00:00Z"), Area.CHEEKS, "0.5", "C-1");
        Session theirs = session("Q", 1, "sam", Instant.parse("2026-01-06T18:00:00Z"), Area.CHEEKS, "0.5", "C-1");
        Session other = session("P", 2, "me", Instant.parse("2026-01-07T18:00:00Z"), Area.CHEEKS, "0.5", "C-2");
        Session unknown1 = session("P", 3, "me", Instant.parse("2026-01-08T18:00:00Z"), Area.CHEEKS, "0.5", "");
        Session unknown2 = session("P", 4, "me", Instant.parse("2026-01-09T18:00:00Z"), Area.CHEEKS, "0.5", "");
        for (Session s : List.of(mine, theirs, other, unknown1, unknown2)) {
            history.add(s, List.of(), NOW);
        }
        assertEquals(List.of(mine, theirs), history.cartridgeUses("C-1"));
        assertEquals(List.of(), history.cartridgeUses(""));
    }

    @Test
    void listFiltersByPenOwnerAndSince() {
        Session a = session("P", 1, "me", Instant.parse("2026-01-05T18:00:00Z"), Area.CHEEKS, "0.5", "C-1");
        Session b = session("Q", 1, "sam", Instant.parse("2026-01-06T18:00:00Z"), Area.CHEEKS, "0.5", "C-2");
        Session c = session("P", 2, "me", Instant.parse("2026-01-07T18:00:00Z"), Area.NOSE, "0.25", "C-3");
        for (Session s : List.of(a, b, c)) {
            history.add(s, List.of(SPACING), NOW);
        }
        assertEquals(List.of(a, c), sessions(history.list(HistoryQuery.all().withPen("P"))));
        assertEquals(List.of(b), sessions(history.list(HistoryQuery.all().withOwner("sam"))));
        assertEquals(
                List.of(b, c),
                sessions(history.list(HistoryQuery.all().withSince(Instant.parse("2026-01-06T18:00:00Z")))));
        assertEquals(
                List.of(c),
                sessions(history.list(
                        HistoryQuery.all().withPen("P").withSince(Instant.parse("2026-01-06T00:00:00Z")))));
        assertTrue(history.list(HistoryQuery.all().withPen("P")).stream()
                .allMatch(r -> r.findings().equals(List.of(SPACING))));
    }

    @Test
    void theLastSessionIsTheHighestCounterStoredForThePen() {
        assertEquals(Optional.empty(), history.lastSession("P"));
        history.add(session("P", 5, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-1"), List.of(), NOW);
        history.add(session("P", 3, "2026-01-06T18:00:00Z", Area.CHEEKS, "0.5", "C-2"), List.of(), NOW);
        history.add(session("Q", 9, "2026-01-06T18:00:00Z", Area.CHEEKS, "0.5", "C-3"), List.of(), NOW);
        assertEquals(Optional.of(new SessionId("P", 5)), history.lastSession("P"));
    }

    /** A pen whose counter started again: the same counters, a new generation, and both kept. */
    private static Session generation(long generation, long counter, String start, String cartridge) {
        Session s = session("P", counter, start, Area.CHEEKS, "0.5", cartridge);
        return new Session(
                new SessionId("P", generation, counter),
                s.owner(),
                s.area(),
                s.depth(),
                s.strokeHz(),
                s.start(),
                s.end(),
                s.cartridge(),
                s.device());
    }

    @Test
    void aPensNextGenerationKeepsTheSameCountersBesideTheFirstAndComesLast() {
        Session old = generation(0, 7, "2026-01-05T18:00:00Z", "C-1");
        Session again = generation(1, 2, "2026-01-06T18:00:00Z", "C-2");
        Session same = generation(1, 7, "2026-01-07T18:00:00Z", "C-3");
        Session highest = generation(1, SessionId.MAX_COUNTER, "2026-01-08T18:00:00Z", "C-4");
        assertTrue(history.add(old, List.of(SPACING), NOW));
        assertTrue(history.add(again, List.of(), NOW));
        assertTrue(history.add(same, List.of(DEPTH), NOW), "counter 7 again, in generation 1: not a duplicate");
        assertEquals(Optional.of(new SessionId("P", 1, 7)), history.lastSession("P"));
        assertTrue(history.add(highest, List.of(), NOW));
        assertEquals(Optional.of(highest.id()), history.lastSession("P"), "the latest generation's highest counter");

        assertEquals(old, history.find(new SessionId("P", 7)).orElseThrow().session());
        assertEquals(List.of(SPACING), history.find(old.id()).orElseThrow().findings());
        assertEquals(same, history.find(new SessionId("P", 1, 7)).orElseThrow().session());
        assertEquals(List.of(DEPTH), history.find(same.id()).orElseThrow().findings());
        assertEquals(List.of(old, again, same, highest), sessions(history.list(HistoryQuery.all())));
        assertEquals(java.util.Set.of("P"), history.pens(), "one pen, whatever its generations");
        history.replaceFindings(same.id(), List.of());
        assertEquals(List.of(SPACING), history.find(old.id()).orElseThrow().findings(), "the other generation's stay");
    }

    @Test
    void knowsEveryPenThatHasSessions() {
        assertEquals(java.util.Set.of(), history.pens());
        history.add(session("Q", 1, "2026-01-06T18:00:00Z", Area.CHEEKS, "0.5", "C-1"), List.of(), NOW);
        history.add(session("P", 5, "2026-01-05T18:00:00Z", Area.CHEEKS, "0.5", "C-2"), List.of(), NOW);
        history.add(session("P", 6, "2026-01-07T18:00:00Z", Area.CHEEKS, "0.5", "C-3"), List.of(), NOW);
        assertEquals(java.util.Set.of("P", "Q"), history.pens());
    }

    @Test
    void remembersOwnersZonesAndTheirChanges() {
        history.saveOwners(
                List.of(new Owner("alex", ZoneId.of("Europe/Berlin")), new Owner("sam", ZoneId.of("Asia/Tokyo"))));
        history.saveOwners(List.of(new Owner("alex", ZoneId.of("America/New_York"))));
        assertEquals(
                Map.of("alex", ZoneId.of("America/New_York"), "sam", ZoneId.of("Asia/Tokyo")), history.ownerZones());
    }

    private static Session byHand(SessionId id, String start, Optional<Duration> duration, String cartridge) {
        return Session.loggedByHand(
                id,
                "me",
                Area.CHEEKS,
                Depth.ofMm("0.5"),
                Instant.parse(start),
                duration,
                cartridge,
                Optional.of("roller-1"));
    }

    @Test
    void handEntriesAreNumberedFromOneAndANumberIsNeverGivenTwiceButAnUndoneOneIsGivenBack() {
        SessionId first = transactions.atomically(history::newHandEntryId);
        assertEquals(SessionId.handEntry(1), first);
        history.add(byHand(first, "2026-01-05T18:00:00Z", Optional.empty(), ""), List.of(), NOW);
        assertTrue(history.delete(first, NOW));

        assertEquals(SessionId.handEntry(2), history.newHandEntryId(), "not 1 again: it was deleted, not unused");
        assertThrows(
                IllegalStateException.class,
                () -> transactions.atomically(() -> {
                    history.newHandEntryId();
                    throw new IllegalStateException("disk full");
                }));
        assertEquals(SessionId.handEntry(3), history.newHandEntryId(), "the undone 3 was never used");
    }

    @Test
    void storesWhatAHandEntrySaysAndNothingForWhatNobodyMeasured() {
        Session noDuration = byHand(history.newHandEntryId(), "2026-01-05T18:00:00Z", Optional.empty(), "R-1");
        Session timed =
                byHand(history.newHandEntryId(), "2026-01-06T18:00:00Z", Optional.of(Duration.ofMinutes(8)), "");
        history.add(noDuration, List.of(SPEED), NOW);
        history.add(timed, List.of(), NOW);
        history.add(session("P", 1, "2026-01-05T18:00:00Z", Area.NOSE, "0.25", "C-1"), List.of(), NOW);

        assertEquals(noDuration, history.find(noDuration.id()).orElseThrow().session());
        assertEquals(timed, history.find(timed.id()).orElseThrow().session());
        assertEquals(List.of(SPEED), history.find(noDuration.id()).orElseThrow().findings());
        assertEquals(java.util.Set.of("P"), history.pens(), "a hand entry has no pen");
        assertEquals(Optional.of(new SessionId("P", 1)), history.lastSession("P"));
        assertEquals(List.of(noDuration), history.cartridgeUses("R-1"));
        assertEquals(List.of(noDuration, timed), history.deviceUses("roller-1"), "a roller's uses, by device");
        assertEquals(List.of(), history.deviceUses("roller-2"));
        // In the timeline, at the same second, a hand entry before a pen's session, as SessionId orders them.
        assertEquals(
                List.of(noDuration.id(), new SessionId("P", 1), timed.id()),
                history.list(HistoryQuery.all()).stream()
                        .map(r -> r.session().id())
                        .toList());
        assertEquals(List.of(), history.list(HistoryQuery.all().withPen("hand-1")), "no pen filter finds a hand entry");
    }

    @Test
    void updatesWhatASessionSaysKeepingItsFindingsAndWhenItWasRecorded() {
        Session before = byHand(history.newHandEntryId(), "2026-01-05T18:00:00Z", Optional.empty(), "");
        history.add(before, List.of(SPACING), NOW);
        Session after = Session.loggedByHand(
                before.id(),
                "sam",
                Area.NOSE,
                Depth.ofMm("0.25"),
                Instant.parse("2026-01-04T18:00:00Z"),
                Optional.of(Duration.ofMinutes(5)),
                "C-9",
                Optional.empty());

        assertTrue(history.update(after));

        RecordedSession stored = history.find(before.id()).orElseThrow();
        assertEquals(after, stored.session());
        assertEquals(List.of(SPACING), stored.findings());
        assertEquals(NOW, stored.recordedAt());
        assertEquals(List.of(), history.ownerSessions("me", Instant.MIN, Instant.MAX));
        assertEquals(List.of(after), sessions(history.ownerSessions("sam", Instant.MIN, Instant.MAX)));
        assertFalse(history.update(byHand(SessionId.handEntry(99), "2026-01-05T18:00:00Z", Optional.empty(), "")));
        assertTrue(history.find(SessionId.handEntry(99)).isEmpty());
    }

    @Test
    void deletesASessionWithItsFindings() {
        Session gone = byHand(history.newHandEntryId(), "2026-01-05T18:00:00Z", Optional.empty(), "R-1");
        Session stays = session("P", 1, "2026-01-06T18:00:00Z", Area.CHEEKS, "0.5", "C-1");
        history.add(gone, List.of(SPACING, SPEED), NOW);
        history.add(stays, List.of(SPACING), NOW);

        assertTrue(history.delete(gone.id(), NOW));

        assertTrue(history.find(gone.id()).isEmpty());
        assertEquals(List.of(stays), sessions(history.list(HistoryQuery.all())));
        assertEquals(List.of(SPACING), history.find(stays.id()).orElseThrow().findings());
        assertEquals(List.of(), history.cartridgeUses("R-1"));
        assertFalse(history.delete(gone.id(), NOW), "already gone");
    }

    @Test
    void keepsEachSessionsZoneAcrossAReopeningAndNoneForASessionThatHadNone() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId newYork = ZoneId.of("America/New_York");
        Session pen = session("P", 1, "2026-01-05T23:30:00Z", Area.CHEEKS, "0.25", "C-1")
                .inZone(berlin);
        Session unknown = session("P", 2, "2026-01-06T18:00:00Z", Area.NOSE, "0.25", "C-2");
        Session logged = byHand(history.newHandEntryId(), "2026-01-07T18:00:00Z", Optional.empty(), "")
                .inZone(newYork);
        history.add(pen, List.of(), NOW);
        history.add(unknown, List.of(), NOW);
        history.add(logged, List.of(), NOW);

        use(reopen(store));

        assertEquals(
                Optional.of(berlin),
                history.find(pen.id()).orElseThrow().session().zone());
        assertEquals(
                Optional.empty(),
                history.find(unknown.id()).orElseThrow().session().zone());
        assertEquals(
                List.of(Optional.of(berlin), Optional.empty(), Optional.of(newYork)),
                history.ownerTimeline("me", Instant.MIN, Instant.MAX).stream()
                        .map(Session::zone)
                        .toList());
        // A correction can move it to another zone (another person's): the row says what it says.
        assertTrue(history.update(logged.inZone(berlin)));
        use(reopen(store));
        assertEquals(
                Optional.of(berlin),
                history.find(logged.id()).orElseThrow().session().zone());
    }

    @Test
    void findsNothingForAnUnknownSession() {
        assertTrue(history.find(new SessionId("P", 1)).isEmpty());
    }

    private static List<Session> sessions(List<RecordedSession> recorded) {
        return recorded.stream().map(RecordedSession::session).toList();
    }
}
