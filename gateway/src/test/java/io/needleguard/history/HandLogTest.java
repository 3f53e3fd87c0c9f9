package io.needleguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sessions logged by hand, corrected and deleted through {@link HandLog}, as the command line, MQTT and
 * the dashboard use it: judged at once, placed in the timeline, what follows judged again, and every
 * change reported in the outbox in the same unit of work.
 */
class HandLogTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Saturday 28 November 2026, 21:00 in Berlin. */
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final InMemoryHistory history = new InMemoryHistory();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final Household household = new Household(
            List.of(new Owner("alex", BERLIN), new Owner("sam", BERLIN)),
            Map.of("SIM-0001", "alex"),
            List.of(
                    new Device("roller-1", Device.Kind.ROLLER, "alex", Optional.of(Depth.ofMm("0.5"))),
                    new Device("pen-2", Device.Kind.PEN, "sam", Optional.empty())),
            BERLIN);
    private final List<String> heard = new ArrayList<>();
    private final SessionRecorder recorder;
    private final HandLog log;

    HandLogTest() {
        history.transactions().with(outbox);
        recorder = new SessionRecorder(
                history.history(),
                SafetyCheck.standard(),
                household,
                clock,
                new RecorderListener() {
                    @Override
                    public void recorded(RecordedSession session) {
                        heard.add("recorded " + session.session().id());
                    }

                    @Override
                    public void findingsChanged(RecordedSession session, List<Finding> previous) {
                        heard.add("changed " + session.session().id());
                    }

                    @Override
                    public void edited(RecordedSession now, RecordedSession before) {
                        heard.add("edited " + now.session().id());
                    }

                    @Override
                    public void deleted(RecordedSession was) {
                        heard.add("deleted " + was.session().id());
                    }
                },
                new OutboxChangeLog(new Messages(new Topics("needleguard"), household::zoneOf), outbox));
        log = recorder.handLog();
    }

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private static HandEntry.Builder entry() {
        return HandEntry.builder();
    }

    private static List<String> rules(RecordedSession r) {
        return r.findings().stream().map(f -> f.severity() + " " + f.rule()).toList();
    }

    /** The messages waiting in the outbox, each checked against its schema, and then taken out. */
    private List<OutboundMessage> published() {
        List<OutboundMessage> messages = outbox.waiting();
        for (OutboundMessage m : messages) {
            PayloadSchemas.assertValid(m.topic(), json(m));
        }
        outbox.oldest(Integer.MAX_VALUE).forEach(e -> outbox.acknowledge(e.id()));
        return messages;
    }

    private static JsonNode json(OutboundMessage m) {
        try {
            return SessionJson.MAPPER.readTree(m.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> topics(List<OutboundMessage> messages) {
        return messages.stream().map(OutboundMessage::topic).toList();
    }

    /** A pen's 10-minute session of alex, recorded as the pen reports it. */
    private void pensSession(long counter, String local, Area area, String depth) {
        Instant start = berlin(local);
        recorder.record(new Session(
                new SessionId("SIM-0001", counter),
                "alex",
                area,
                Depth.ofMm(depth),
                120,
                start,
                start.plus(Duration.ofMinutes(10)),
                "C-" + counter));
    }

    @Test
    void aRollerGivesItsDepthAndOwnerAndTheSessionIsJudgedAtOnceWithTheNextSafeTime() {
        pensSession(1, "2026-11-24T19:00", Area.CHEEKS, "0.5");
        published();

        HandLog.Logged logged = log.log(entry().device("roller-1")
                .area(Area.CHEEKS)
                .duration(Duration.ofMinutes(8))
                .at(LocalDateTime.parse("2026-11-28T19:00"))
                .cartridge("R-7")
                .build());

        Session s = logged.session().session();
        assertEquals(SessionId.handEntry(1), s.id());
        assertEquals("alex", s.owner());
        assertEquals(Depth.ofMm("0.5"), s.depth());
        assertEquals(berlin("2026-11-28T19:00"), s.start(), "a time without offset is the owner's");
        assertEquals(Optional.of(berlin("2026-11-28T19:08")), s.end());
        assertEquals(Optional.of("roller-1"), s.device());
        assertTrue(s.strokeHz().isEmpty());
        assertEquals(
                List.of("critical spacing.min-interval", "warning overuse.frequency"),
                rules(logged.session()),
                "a roller has no stroke rate to measure, and its head's id is given");
        assertEquals(logged.session(), history.sessions().find(s.id()).orElseThrow());
        assertEquals("overuse.frequency", logged.next().orElseThrow().rule());
        assertEquals(
                berlin("2026-12-24T00:00"),
                logged.next().orElseThrow().at().orElseThrow(),
                "two cheek sessions in 30 days at 0.5 mm: a third waits until the first is 30 days back");
        assertEquals(List.of("recorded SIM-0001:1", "recorded hand-1"), heard);

        List<OutboundMessage> out = published();
        assertEquals(
                List.of("needleguard/alex/session", "needleguard/alex/alert", "needleguard/alex/alert"), topics(out));
        JsonNode session = json(out.get(0));
        assertEquals("hand", session.get("recordedBy").asText());
        assertEquals("hand-1", session.get("sessionId").asText());
        assertEquals("R-7", session.get("cartridge").asText());
        assertEquals(480, session.get("durationS").asInt());
    }

    @Test
    void withoutATimeTheSessionEndedJustNowAndWithoutADurationItsEndIsNotKnown() {
        HandLog.Logged timed = log.log(entry().owner("sam")
                .area(Area.NECK)
                .depth(Depth.ofMm("0.25"))
                .duration(Duration.ofMinutes(6))
                .build());
        assertEquals(NOW.minus(Duration.ofMinutes(6)), timed.session().session().start());
        assertEquals(Optional.of(NOW), timed.session().session().end());

        clock.advance(Duration.ofDays(4));
        HandLog.Logged untimed = log.log(entry().device("pen-2")
                .area(Area.NECK)
                .depth(Depth.ofMm("0.25"))
                .build());
        Session s = untimed.session().session();
        assertEquals("sam", s.owner(), "the device's owner");
        assertEquals(clock.instant(), s.start());
        assertTrue(s.end().isEmpty());
        assertEquals(
                List.of("info cartridge.reuse", "info overuse.session-duration", "info speed.out-of-range"),
                rules(untimed.session()),
                "what could not be checked is said, not guessed");
        assertEquals(
                berlin("2026-12-05T00:00"),
                untimed.next().orElseThrow().at().orElseThrow(),
                "3 days after 0.25 mm, and a third light session within 7 days would be one too many");
    }

    @Test
    void aSessionLoggedLateTakesItsPlaceAndThePensSessionsAfterItAreJudgedAgainAndPublished() {
        pensSession(1, "2026-11-25T19:00", Area.NOSE, "0.25");
        published();

        HandLog.Logged late = log.log(entry().owner("alex")
                .area(Area.NOSE)
                .depth(Depth.ofMm("0.25"))
                .duration(Duration.ofMinutes(5))
                .at(berlin("2026-11-24T19:00"))
                .build());

        assertEquals(
                List.of(new SessionId("SIM-0001", 1)),
                late.rejudged().stream().map(r -> r.session().id()).toList());
        assertEquals(
                List.of("critical spacing.min-interval"), rules(late.rejudged().get(0)));
        assertEquals(
                List.of("critical spacing.min-interval"),
                rules(history.sessions().find(new SessionId("SIM-0001", 1)).orElseThrow()));
        List<OutboundMessage> out = published();
        assertEquals(
                List.of(
                        "needleguard/alex/session",
                        "needleguard/alex/alert",
                        "needleguard/alex/alert",
                        "needleguard/SIM-0001/session",
                        "needleguard/SIM-0001/alert"),
                topics(out),
                "the hand entry's notes (no cartridge id, no stroke rate), then the pen's session judged again");
        assertTrue(json(out.get(3)).get("update").asBoolean(), "the pen's session, judged again, as an update");
        assertEquals("pen", json(out.get(3)).get("recordedBy").asText());
        assertEquals(List.of("recorded SIM-0001:1", "recorded hand-1", "changed SIM-0001:1"), heard);
    }

    @Test
    void anAreaThatIsNotForNeedlingIsLoggedAndFlaggedNotRefused() {
        HandLog.Logged logged = log.log(entry().owner("sam")
                .area(Area.EYELIDS)
                .depth(Depth.ofMm("0.25"))
                .duration(Duration.ofMinutes(2))
                .build());
        assertEquals("critical area.not-for-needling", rules(logged.session()).get(0));
        assertEquals("area.not-for-needling", logged.next().orElseThrow().rule());
        assertTrue(logged.next().orElseThrow().at().isEmpty(), "not at home: no date");
        assertTrue(history.sessions().find(SessionId.handEntry(1)).isPresent());
    }

    private String refused(HandEntry entry) {
        int before = history.sessions().list(HistoryQuery.all()).size();
        RefusedEntry e = assertThrows(RefusedEntry.class, () -> log.log(entry));
        assertEquals(before, history.sessions().list(HistoryQuery.all()).size(), "nothing stored");
        assertEquals(List.of(), outbox.waiting(), "nothing published");
        return e.getMessage();
    }

    @Test
    void whatCannotBeASessionIsRefusedWithWhatToGiveInsteadAndNothingIsStored() {
        HandEntry.Builder cheeks = entry().owner("alex").area(Area.CHEEKS);
        assertEquals(
                "a depth of 3.01 mm is out of range: give 0.01 to 3.00 mm (no needling device for the skin goes"
                        + " deeper than 3 mm)",
                refused(cheeks.depth(Depth.ofMm("3.01")).build()));
        assertTrue(refused(cheeks.depth(Depth.ofMm("0")).build()).startsWith("a depth of 0.00 mm is out of range"));
        assertEquals(
                "the depth is missing: give the needle depth in mm, or name a roller configured under devices:",
                refused(entry().owner("alex").area(Area.CHEEKS).build()));
        assertEquals(
                "the depth is missing: give the needle depth in mm (pen-2 is a pen: its depth is set for each"
                        + " session)",
                refused(entry().device("pen-2").area(Area.CHEEKS).build()));
        assertEquals(
                "roller-1's needles are 0.50 mm long, not 0.75 mm: leave the depth out (a roller's depth is its"
                        + " needle length), or name the roller you used",
                refused(entry().device("roller-1")
                        .area(Area.CHEEKS)
                        .depth(Depth.ofMm("0.75"))
                        .build()));
        assertEquals(
                "'rolr-1' is not a device of this household; known: roller-1, pen-2 (devices: in the configuration)",
                refused(entry().device("rolr-1").area(Area.CHEEKS).build()));
        assertEquals(
                "'kim' is not a person of this household; known: alex, sam",
                refused(entry().owner("kim")
                        .area(Area.CHEEKS)
                        .depth(Depth.ofMm("0.5"))
                        .build()));
        assertEquals(
                "say whose session it is: this household has 2 people (alex, sam)",
                refused(entry().area(Area.CHEEKS).depth(Depth.ofMm("0.5")).build()));
        assertTrue(refused(entry().owner("alex").depth(Depth.ofMm("0.5")).build())
                .startsWith("the area is missing: say where the skin was needled, one of: unspecified, forehead"));
        assertEquals(
                "a duration of 4h00m01s is out of range: give more than 0 and at most 4 hours, e.g. 10m",
                refused(entry().owner("alex")
                        .area(Area.CHEEKS)
                        .depth(Depth.ofMm("0.5"))
                        .duration(Duration.ofHours(4).plusSeconds(1))
                        .build()));
        assertTrue(refused(entry().owner("alex")
                        .area(Area.CHEEKS)
                        .depth(Depth.ofMm("0.5"))
                        .duration(Duration.ZERO)
                        .build())
                .startsWith("a duration of 0s is out of range"));
        assertEquals(
                "'C 12' is not a cartridge id: use up to 16 letters, digits or signs without spaces, e.g. C-12",
                refused(entry().owner("alex")
                        .area(Area.CHEEKS)
                        .depth(Depth.ofMm("0.5"))
                        .cartridge("C 12")
                        .build()));
        assertTrue(heard.isEmpty(), "no listener heard of anything: " + heard);
    }

    @Test
    void aSessionMayEndUpToAMinuteAheadForClocksThatDifferButNotLater() {
        HandEntry.Builder neck = entry().owner("alex").area(Area.NECK).depth(Depth.ofMm("0.25"));
        assertEquals(
                "the session would start on Sat 28 Nov 2026 21:02 (Europe/Berlin), 2 minutes from now: log a"
                        + " session once it has happened, with the time it started, or without a time for one that"
                        + " ended just now",
                refused(neck.at(NOW.plusSeconds(120)).build()));
        assertEquals(
                "the session would end on Sat 28 Nov 2026 21:10 (Europe/Berlin), 10 minutes from now: log it"
                        + " once it is over, or check the time it started and its duration",
                refused(neck.at(NOW).duration(Duration.ofMinutes(10)).build()));
        assertTrue(refused(neck.at(NOW.minusSeconds(540))
                        .duration(Duration.ofSeconds(601))
                        .build())
                .startsWith("the session would end on Sat 28 Nov 2026 21:01 (Europe/Berlin), 1 minute from now"));

        HandLog.Logged atTheLimit = log.log(
                neck.at(NOW.minusSeconds(540)).duration(Duration.ofMinutes(10)).build());
        assertEquals(
                Optional.of(NOW.plusSeconds(60)), atTheLimit.session().session().end());
    }

    @Test
    void aSessionFromBefore2000OrYearsAheadIsRefusedWithTheWindow() {
        HandEntry.Builder neck = entry().owner("alex").area(Area.NECK).depth(Depth.ofMm("0.25"));
        assertEquals(
                "the session's start: 1970-01-01 is before 2000-01-01: needleguard keeps no history from before"
                        + " then; check the year",
                refused(neck.at(LocalDateTime.parse("1970-01-01T00:00")).build()));
        assertEquals(
                "the session's start: 1999-12-31 is before 2000-01-01: needleguard keeps no history from before"
                        + " then; check the year",
                refused(neck.at(LocalDateTime.parse("1999-12-31T23:59")).build()));
        assertEquals(
                "the session's start: 2100-01-01 is more than 5 years from now; give a date up to 2031-11-28",
                refused(neck.at(LocalDateTime.parse("2100-01-01T00:00")).build()));
        assertTrue(refused(neck.at(Instant.parse("+1000000000-12-31T00:00:00Z")).build())
                .startsWith("the session's start: +1000000000-12-31T00:00:00Z is more than 5 years from now"));
        assertTrue(heard.isEmpty(), "nothing stored: " + heard);

        HandLog.Logged first =
                log.log(neck.at(LocalDateTime.parse("2000-01-01T00:00")).build());
        assertEquals(berlin("2000-01-01T00:00"), first.session().session().start(), "the first day is allowed");
    }

    @Test
    void aCartridgeIdThatIsNoneIsQuotedShortAndEscapedNotWhole() {
        HandEntry.Builder cheeks = entry().owner("alex").area(Area.CHEEKS).depth(Depth.ofMm("0.5"));
        String megabyte = refused(cheeks.cartridge("C".repeat(1 << 20)).build());
        assertEquals(
                "'" + "C".repeat(40) + "…' is not a cartridge id: use up to 16 letters, digits or signs without"
                        + " spaces, e.g. C-12",
                megabyte);
        assertEquals(
                "'\\u001b[31mC-12' is not a cartridge id: use up to 16 letters, digits or signs without spaces,"
                        + " e.g. C-12",
                refused(cheeks.cartridge("\u001b[31mC-12").build()));
        assertTrue(refused(entry().device("r".repeat(1 << 20)).area(Area.CHEEKS).build())
                .startsWith("'" + "r".repeat(40) + "…' is not a device of this household"));
        assertTrue(refused(entry().owner("\nFAKE LINE").area(Area.CHEEKS).build())
                .startsWith("'\\nFAKE LINE' is not a person of this household"));
    }

    @Test
    void theSameSessionLoggedTwiceIsRefusedAndNamesTheFirst() {
        HandEntry again = entry().device("roller-1")
                .area(Area.CHEEKS)
                .at(LocalDateTime.parse("2026-11-28T19:00"))
                .build();
        log.log(again);
        published();
        assertEquals(
                "this session is already logged as hand-1 (alex, cheeks, Sat 28 Nov 2026 19:00); correct that one"
                        + " (needleguard log edit hand-1) rather than log it twice",
                refused(again));
        // Another area at the same time is another session.
        log.log(entry().device("roller-1")
                .area(Area.FOREHEAD)
                .at(LocalDateTime.parse("2026-11-28T19:00"))
                .build());
    }

    @Test
    void aCorrectionIsJudgedWhereItNowBelongsAndSoAreTheSessionsAfterWhereItWasAndWhereItIs() {
        pensSession(1, "2026-11-25T19:00", Area.NOSE, "0.25");
        pensSession(2, "2026-11-10T19:00", Area.CHIN, "0.5");
        SessionId id = log.log(entry().owner("alex")
                        .area(Area.NOSE)
                        .depth(Depth.ofMm("0.25"))
                        .at(berlin("2026-11-24T19:00"))
                        .build())
                .session()
                .session()
                .id();
        assertEquals(
                List.of("critical spacing.min-interval"),
                rules(history.sessions().find(new SessionId("SIM-0001", 1)).orElseThrow()));
        published();
        heard.clear();

        // It was the chin, two days before the pen's chin session.
        HandLog.Logged corrected = log.edit(
                id,
                entry().area(Area.CHIN)
                        .depth(Depth.ofMm("0.5"))
                        .at(LocalDateTime.parse("2026-11-08T19:00"))
                        .duration(Duration.ofMinutes(5))
                        .build());

        Session now = corrected.session().session();
        assertEquals(id, now.id());
        assertEquals(Area.CHIN, now.area());
        assertEquals(berlin("2026-11-08T19:00"), now.start());
        assertEquals(Optional.of(Duration.ofMinutes(5)), now.duration());
        assertEquals(List.of("info cartridge.reuse", "info speed.out-of-range"), rules(corrected.session()));
        assertEquals(
                List.of(new SessionId("SIM-0001", 2), new SessionId("SIM-0001", 1)),
                corrected.rejudged().stream().map(r -> r.session().id()).toList(),
                "the pen's chin session after where it is now, the pen's nose session after where it was");
        assertEquals(
                List.of(),
                rules(history.sessions().find(new SessionId("SIM-0001", 1)).orElseThrow()),
                "its nose finding is gone");
        assertEquals(
                List.of("critical spacing.min-interval", "warning overuse.frequency"),
                rules(history.sessions().find(new SessionId("SIM-0001", 2)).orElseThrow()));
        assertEquals(List.of("edited hand-1", "changed SIM-0001:2", "changed SIM-0001:1"), heard);

        List<OutboundMessage> out = published();
        assertEquals("needleguard/alex/session", out.get(0).topic());
        assertTrue(json(out.get(0)).get("update").asBoolean());
        assertEquals("chin", json(out.get(0)).get("area").asText());
        assertTrue(
                out.stream()
                        .anyMatch(m -> m.topic().equals("needleguard/SIM-0001/alert")
                                && json(m).get("resolved").asBoolean()
                                && json(m).get("sessionId").asText().equals("SIM-0001:1")),
                "the pen's nose finding resolved on MQTT");
    }

    @Test
    void aPensSessionIsWhatThePenMeasuredAndCannotBeCorrectedOrDeleted() {
        pensSession(3, "2026-11-25T19:00", Area.NOSE, "0.25");
        String why = "SIM-0001:3 was recorded by pen SIM-0001: a pen's record is what it measured, so it cannot be"
                + " corrected or deleted; only sessions logged by hand (hand-N) can";
        assertEquals(
                why,
                assertThrows(
                                RefusedEntry.class,
                                () -> log.edit(
                                        new SessionId("SIM-0001", 3),
                                        entry().area(Area.CHIN).build()))
                        .getMessage());
        assertEquals(
                why,
                assertThrows(RefusedEntry.class, () -> log.delete(new SessionId("SIM-0001", 3)))
                        .getMessage());
        assertEquals(
                Area.NOSE,
                history.sessions()
                        .find(new SessionId("SIM-0001", 3))
                        .orElseThrow()
                        .session()
                        .area());
        assertEquals(
                "there is no session hand-9 (deleted, or never logged); 'needleguard history' lists the sessions"
                        + " with their ids",
                assertThrows(RefusedEntry.class, () -> log.delete(SessionId.handEntry(9)))
                        .getMessage());
    }

    @Test
    void aCorrectionMustChangeSomething() {
        SessionId id = log.log(entry().device("roller-1").area(Area.CHEEKS).build())
                .session()
                .session()
                .id();
        assertTrue(assertThrows(RefusedEntry.class, () -> log.edit(id, entry().build()))
                .getMessage()
                .startsWith("nothing to correct in hand-1: give what was different"));
        assertEquals(
                "hand-1 already says that; nothing was changed",
                assertThrows(
                                RefusedEntry.class,
                                () -> log.edit(id, entry().area(Area.CHEEKS).build()))
                        .getMessage());
    }

    @Test
    void anotherRollerBringsItsNeedleLengthAndNoDeviceKeepsTheDepthThatWasSaid() {
        SessionId id = log.log(entry().device("pen-2")
                        .area(Area.NECK)
                        .depth(Depth.ofMm("0.25"))
                        .build())
                .session()
                .session()
                .id();
        Session withRoller =
                log.edit(id, entry().device("roller-1").build()).session().session();
        assertEquals(Depth.ofMm("0.5"), withRoller.depth());
        assertEquals("sam", withRoller.owner(), "the person stays: the device changed, not whose skin it was");
        assertEquals(
                "roller-1's needles are 0.50 mm long, not 0.25 mm: leave the depth out (a roller's depth is its"
                        + " needle length), or name the roller you used",
                assertThrows(
                                RefusedEntry.class,
                                () -> log.edit(
                                        id, entry().depth(Depth.ofMm("0.25")).build()))
                        .getMessage());
        Session without = log.edit(id, entry().device("").build()).session().session();
        assertEquals(Optional.empty(), without.device());
        assertEquals(Depth.ofMm("0.5"), without.depth());
    }

    @Test
    void correctedToAnotherPersonItLeavesTheFirstPersonsTimelineAndTopics() {
        pensSession(1, "2026-11-25T19:00", Area.NOSE, "0.25");
        SessionId id = log.log(entry().owner("alex")
                        .area(Area.NOSE)
                        .depth(Depth.ofMm("0.25"))
                        .at(berlin("2026-11-24T19:00"))
                        .build())
                .session()
                .session()
                .id();
        published();

        HandLog.Logged sams = log.edit(id, entry().owner("sam").build());

        assertEquals("sam", sams.session().session().owner());
        assertEquals(
                List.of(),
                rules(history.sessions().find(new SessionId("SIM-0001", 1)).orElseThrow()));
        List<String> topics = topics(published());
        assertEquals("needleguard/alex/session", topics.get(0), "gone from alex's topics first");
        assertTrue(topics.contains("needleguard/sam/session"));
        assertTrue(topics.contains("needleguard/SIM-0001/session"), "alex's pen session judged again");
    }

    @Test
    void aDeletedSessionGoesWithItsFindingsWhatFollowedIsJudgedAgainAndItsNumberIsNotGivenAgain() {
        SessionId first = log.log(entry().owner("alex")
                        .area(Area.CHEEKS)
                        .depth(Depth.ofMm("0.5"))
                        .at(berlin("2026-11-20T19:00"))
                        .build())
                .session()
                .session()
                .id();
        pensSession(1, "2026-11-25T19:00", Area.CHEEKS, "0.5");
        assertFalse(rules(history.sessions().find(new SessionId("SIM-0001", 1)).orElseThrow())
                .isEmpty());
        published();
        heard.clear();

        HandLog.Deleted deleted = log.delete(first);

        assertEquals(first, deleted.was().session().id());
        assertTrue(history.sessions().find(first).isEmpty());
        assertEquals(
                List.of(new SessionId("SIM-0001", 1)),
                deleted.rejudged().stream().map(r -> r.session().id()).toList());
        assertEquals(
                List.of(),
                rules(history.sessions().find(new SessionId("SIM-0001", 1)).orElseThrow()));
        assertEquals(List.of("deleted hand-1", "changed SIM-0001:1"), heard);
        List<OutboundMessage> out = published();
        JsonNode gone = json(out.get(0));
        assertEquals("needleguard/alex/session", out.get(0).topic());
        assertTrue(gone.get("deleted").asBoolean());
        assertEquals("hand-1", gone.get("sessionId").asText());
        assertTrue(out.stream()
                .filter(m -> m.topic().equals("needleguard/alex/alert"))
                .allMatch(m -> json(m).get("resolved").asBoolean()));

        SessionId next = log.log(entry().device("roller-1").area(Area.NECK).build())
                .session()
                .session()
                .id();
        assertEquals(SessionId.handEntry(2), next, "hand-1 named the deleted one: it is not given again");
    }

    @Test
    void whenReportingItFailsNothingIsStoredAndTheNumberIsGivenBack() {
        SessionRecorder failing = new SessionRecorder(
                history.history(), SafetyCheck.standard(), household, clock, RecorderListener.NONE, new ChangeLog() {
                    @Override
                    public void recorded(RecordedSession session) {
                        throw new IllegalStateException("disk full");
                    }

                    @Override
                    public void findingsChanged(RecordedSession session, List<Finding> previous) {}

                    @Override
                    public void edited(RecordedSession now, RecordedSession before) {}

                    @Override
                    public void deleted(RecordedSession was) {}
                });
        assertThrows(
                IllegalStateException.class,
                () -> failing.handLog()
                        .log(entry().device("roller-1").area(Area.NECK).build()));
        assertEquals(List.of(), history.sessions().list(HistoryQuery.all()));
        assertEquals(
                SessionId.handEntry(1),
                log.log(entry().device("roller-1").area(Area.NECK).build())
                        .session()
                        .session()
                        .id());
    }
}
