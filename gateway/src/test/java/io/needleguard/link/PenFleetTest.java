package io.needleguard.link;

import static io.needleguard.profile.PenProfile.SESSION_RECORD;
import static io.needleguard.profile.PenProfile.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryException;
import io.needleguard.history.HistoryTrouble;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;
import io.needleguard.profile.PenProfile;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;
import io.needleguard.retry.Backoff;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.testing.LogCapture;
import io.needleguard.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's side of its pens, against a fake of the BLE port: each pen's connection state machine,
 * the sync of sessions a pen kept while out of range, backoff, and who gets connected at all.
 */
class PenFleetTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile boolean clockTrusted = true;
    private final TestClock clock = new TestClock(Instant.parse("2026-02-01T10:00:00Z"));
    private final FakeBle ble = new FakeBle();
    private final Listener listener = new Listener();
    private final WorkTracker tracker = new WorkTracker();
    private final Map<String, Area> chosenAreas = new ConcurrentHashMap<>();
    private PenFleet fleet;

    @AfterEach
    void close() {
        if (fleet != null) {
            fleet.close();
        }
        ble.close();
    }

    private FakePen pen(String serial, String address) {
        FakePen pen = new FakePen(serial, serial, address, events);
        ble.add(pen);
        return pen;
    }

    private void start(PenAllowlist allowlist) throws Exception {
        // No jitter: the delays are exact, 10 s doubling to 80 s.
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(80), 0.0, new Random(1));
        fleet = new PenFleet(
                ble,
                PenProfile.SERVICE,
                allowlist,
                listener,
                clock,
                serial -> Optional.ofNullable(chosenAreas.get(serial)),
                tracker,
                backoff,
                () -> clockTrusted,
                new HistoryTrouble(writable -> events.add("history writable: " + writable)));
        fleet.start();
    }

    private void start(String... serials) throws Exception {
        start(PenAllowlist.serials(Set.of(serials)::contains));
    }

    /** Until the radio has delivered everything and the pen threads have handled it. */
    private void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            ble.flush();
            assertTrue(tracker.awaitIdle(WAIT), "the pen links did not finish their work");
        }
    }

    private int indexOf(String event) {
        int i = events.indexOf(event);
        assertTrue(i >= 0, "no '" + event + "' in " + events);
        return i;
    }

    @Test
    void aGoodConnectionSetsTheClockWritesTheAreaSyncsAndGoesThroughEveryState() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        pen.record(1);
        pen.record(2);
        chosenAreas.put("PEN-1", Area.FOREHEAD);
        start("PEN-1");

        ble.advertise(pen);
        settle();

        assertEquals(
                List.of(
                        LinkState.CONNECTING,
                        LinkState.RESOLVING,
                        LinkState.SUBSCRIBED,
                        LinkState.SYNCING,
                        LinkState.SUBSCRIBED),
                listener.states("PEN-1"));
        assertEquals(clock.instant(), pen.clockSetTo);
        assertEquals(Area.FOREHEAD, pen.area);
        assertTrue(indexOf("PEN-1 clock set") < indexOf("PEN-1 report all"), events.toString());
        assertEquals(List.of(1L, 2L), listener.stored("PEN-1"));
        assertTrue(indexOf("PEN-1 stored 2") < indexOf("PEN-1 delete up to 2"), "deleted only once stored: " + events);
        assertEquals(List.of(), pen.kept());
        assertEquals(List.of("PEN-1 fake-1 1.2.3 C0:00:00:00:00:01"), listener.identified);
        assertEquals(List.of(77), listener.battery);

        // On connection the pen says how many it holds; each one stored is one less, and none once done.
        assertTrue(indexOf("PEN-1 count all") < indexOf("PEN-1 report all"), events.toString());
        assertEquals(List.of("PEN-1 2", "PEN-1 1", "PEN-1 0", "PEN-1 0"), listener.waiting);

        // A session finished while connected is notified, stored, and then deleted from the pen.
        SessionRecordFrame live = pen.record(3);
        ble.notifyFrom(pen, SESSION_RECORD, PenCodec.encode(live));
        settle();
        assertEquals(List.of(1L, 2L, 3L), listener.stored("PEN-1"));
        assertTrue(indexOf("PEN-1 stored 3") < indexOf("PEN-1 delete up to 3"), events.toString());
        assertEquals(List.of(), pen.kept());
    }

    @Test
    void syncFetchesEverythingThePenStillHoldsAndLetsItDeleteWhatIsStored() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        // 2 and 3 stored, and not yet deleted from the pen (the gateway stopped in between): sent again,
        // and recognised by the gateway. Sessions below the last stored are asked for too: a pen whose
        // counter started again holds its new sessions there.
        listener.alreadyStored("PEN-1", 1, 2, 3);
        for (long counter = 2; counter <= 5; counter++) {
            pen.record(counter);
        }
        start("PEN-1");

        ble.advertise(pen);
        settle();

        assertTrue(events.contains("PEN-1 report all"), events.toString());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), listener.stored("PEN-1"));
        assertTrue(events.contains("PEN-1 delete up to 5"), events.toString());
        assertEquals(List.of(), pen.kept());
    }

    @Test
    void aClockNotYetSynchronisedDoesNotSetThePensWhichKeepTheirOwnUntilItIs() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        pen.record(1);
        clockTrusted = false; // a Raspberry Pi just booted: its clock is days behind until network time
        clock.advance(Duration.ofDays(-3));
        start("PEN-1");

        ble.advertise(pen);
        settle();
        assertEquals(null, pen.clockSetTo, "the pen's clock is left as it is");
        assertEquals(List.of(1L), listener.stored("PEN-1"), "sessions are recorded all the same, with the pen's times");

        clockTrusted = true; // network time reached: the clock jumps forward
        clock.advance(Duration.ofDays(3));
        ble.drop(pen);
        settle();
        ble.advertise(pen);
        settle();
        assertEquals(clock.instant(), pen.clockSetTo, "set on the next connection");
    }

    @Test
    void aSessionThatCannotBeStoredStaysOnThePenAndIsFetchedOnTheNextConnection() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        pen.record(1);
        pen.record(2);
        pen.record(3);
        listener.failOnce(2);
        start("PEN-1");

        ble.advertise(pen);
        settle();

        assertEquals(List.of(1L), listener.stored("PEN-1"));
        assertEquals(LinkState.DISCONNECTED, fleet.states().get("PEN-1"));
        assertTrue(events.stream().noneMatch(e -> e.contains("delete")), "nothing deleted: " + events);
        assertEquals(List.of(1L, 2L, 3L), pen.kept());

        ble.advertise(pen);
        settle();
        assertEquals(List.of(1L), listener.stored("PEN-1"), "not before the backoff: the pen is left alone a while");

        clock.advance(Duration.ofSeconds(10));
        ble.advertise(pen);
        settle();
        assertTrue(events.contains("PEN-1 report all"), events.toString());
        assertEquals(List.of(1L, 2L, 3L), listener.stored("PEN-1"));
        assertEquals(List.of(), pen.kept());
        assertEquals(LinkState.SUBSCRIBED, fleet.states().get("PEN-1"));
    }

    @Test
    void whileTheHistoryCannotStoreAnythingThePenIsConnectedEverLessOftenAndItIsSaidOnce() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        pen.record(1);
        listener.historyFull = true;
        start("PEN-1");
        try (LogCapture log = new LogCapture("io.needleguard")) {
            // Ten minutes of the pen in range, advertising every second, while the disk is full.
            List<Long> attempts = new ArrayList<>();
            for (int second = 0; second < 600; second++) {
                int before = ble.connectAttempts.size();
                ble.advertise(pen);
                settle();
                if (ble.connectAttempts.size() > before) {
                    attempts.add((long) second);
                }
                clock.advance(Duration.ofSeconds(1));
            }
            // Each connection works; storing fails: 10 s doubling to 80 s (this test's backoff), not 10 s each time.
            assertEquals(List.of(0L, 10L, 30L, 70L, 150L, 230L, 310L, 390L, 470L, 550L), attempts);
            assertEquals(List.of(1L), pen.kept(), "the pen keeps its session");
            assertEquals(
                    List.of("disk full: /var/lib/needleguard (could not save); free some space; pen PEN-1 keeps"
                            + " session 1 and what follows until then"),
                    log.messages());
            assertEquals(0, log.withStackTrace());
            assertEquals(
                    1,
                    events.stream()
                            .filter(e -> e.equals("history writable: false"))
                            .count());

            listener.historyFull = false;
            clock.advance(Duration.ofSeconds(80));
            ble.advertise(pen);
            settle();
            assertEquals(List.of(1L), listener.stored("PEN-1"));
            assertEquals(List.of(), pen.kept());
            assertEquals(2, log.messages().size(), log.messages().toString());
            assertTrue(log.messages().get(1).startsWith("the history can be written again: recording resumes"));
            assertTrue(events.contains("history writable: true"), events.toString());
        }
    }

    @Test
    void aForgottenPenIsDisconnectedAtOnce() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        start("PEN-1");
        ble.advertise(pen);
        settle();
        assertTrue(ble.connected(pen));

        fleet.forget("PEN-1");
        settle();

        assertFalse(ble.connected(pen), "disconnected while it was connected and idle");
        assertFalse(fleet.states().containsKey("PEN-1"), "the fleet no longer knows the pen");
        assertEquals(
                LinkState.DISCONNECTED,
                listener.states("PEN-1").get(listener.states("PEN-1").size() - 1));
    }

    @Test
    void aRecordTheGatewayRefusesStaysOnThePenAndTheLinkDrops() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        pen.record(1);
        listener.refuseRecords.add("PEN-1");
        start("PEN-1");

        ble.advertise(pen);
        settle();

        assertTrue(events.contains("PEN-1 refused 1"), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.contains("delete")), "nothing deleted: " + events);
        assertEquals(List.of(1L), pen.kept());
        assertEquals(LinkState.DISCONNECTED, fleet.states().get("PEN-1"));
    }

    @Test
    void whenTheLinkDropsDuringSyncNothingUnstoredIsDeletedAndTheNextSyncResumes() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        pen.record(1);
        pen.record(2);
        pen.record(3);
        listener.onConnected = () -> ble.dropAfterRecords(pen, 2);
        start("PEN-1");

        ble.advertise(pen);
        settle();

        assertEquals(LinkState.DISCONNECTED, fleet.states().get("PEN-1"));
        assertEquals(List.of(1L, 2L), listener.stored("PEN-1"));
        assertTrue(events.stream().noneMatch(e -> e.contains("delete")), "nothing deleted: " + events);
        assertEquals(List.of(1L, 2L, 3L), pen.kept());

        listener.onConnected = () -> {};
        ble.advertise(pen);
        settle();
        assertTrue(events.contains("PEN-1 report all"), events.toString());
        assertEquals(List.of(1L, 2L, 3L), listener.stored("PEN-1"));
        assertEquals(List.of(), pen.kept());
    }

    @Test
    void failedConnectionsAreRetriedOnlyAfterADoublingDelay() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        start("PEN-1");
        ble.failNextConnects.set(2);

        ble.advertise(pen);
        settle();
        assertEquals(1, ble.connectAttempts.size());
        ble.advertise(pen);
        clock.advance(Duration.ofSeconds(9));
        ble.advertise(pen);
        settle();
        assertEquals(1, ble.connectAttempts.size(), "no new attempt within the first 10 s");

        clock.advance(Duration.ofSeconds(2));
        ble.advertise(pen);
        settle();
        assertEquals(2, ble.connectAttempts.size(), "a second attempt after 10 s");
        clock.advance(Duration.ofSeconds(11));
        ble.advertise(pen);
        settle();
        assertEquals(2, ble.connectAttempts.size(), "after two failures the delay is 20 s");

        clock.advance(Duration.ofSeconds(10));
        ble.advertise(pen);
        settle();
        assertEquals(3, ble.connectAttempts.size());
        assertEquals(LinkState.SUBSCRIBED, fleet.states().get("PEN-1"));
    }

    @Test
    void aDeviceWhoseSerialIsNotTheOneItAdvertisesIsRefused() throws Exception {
        FakePen rogue = new FakePen("ROGUE-1", "PEN-1", "C0:00:00:00:00:66", events);
        ble.add(rogue);
        start("PEN-1");

        ble.advertise(rogue);
        settle();

        assertEquals(1, ble.connectAttempts.size());
        assertFalse(ble.connected(rogue), "disconnected again");
        assertEquals(List.of(), listener.identified);
        assertTrue(events.stream().noneMatch(e -> e.startsWith("ROGUE-1")), "nothing written to it: " + events);
        assertEquals(LinkState.DISCONNECTED, fleet.states().get("PEN-1"));
    }

    @Test
    void onlyAllowedDevicesAreConnectedAndAClaimFromAnotherAddressIsReportedOnce() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        FakePen rogue = new FakePen("PEN-1", "PEN-1", "C0:00:00:00:00:66", events);
        ble.add(rogue);
        FakePen neighbours = pen("OTHER-9", "C0:00:00:00:00:09");
        List<String> confirmed = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        start(new PenAllowlist() {
            @Override
            public Verdict check(String serial, String address) {
                if (!serial.equals("PEN-1")) {
                    return Verdict.NOT_PAIRED;
                }
                return address.equals(pen.address) ? Verdict.ALLOWED : Verdict.WRONG_ADDRESS;
            }

            @Override
            public void confirmed(String serial, String address) {
                confirmed.add(serial + " " + address);
            }

            @Override
            public void refused(String serial, String address) {
                refused.add(serial + " " + address);
            }
        });

        for (int i = 0; i < 3; i++) {
            ble.advertise(rogue);
            ble.advertise(neighbours);
        }
        settle();
        assertEquals(List.of(), ble.connectAttempts);
        assertEquals(List.of("PEN-1 C0:00:00:00:00:66"), listener.refused);
        assertEquals(List.of("PEN-1 C0:00:00:00:00:66"), refused);

        ble.advertise(pen);
        settle();
        assertEquals(List.of(pen.address), ble.connectAttempts);
        assertEquals(LinkState.SUBSCRIBED, fleet.states().get("PEN-1"));
        assertEquals(List.of(), confirmed, "confirming is the gateway's business, after the link identified the pen");
    }

    @Test
    void aMalformedNotificationIsReportedAndTheLinkLivesOn() throws Exception {
        FakePen pen = pen("PEN-1", "C0:00:00:00:00:01");
        start("PEN-1");
        ble.advertise(pen);
        settle();

        ble.notifyFrom(pen, STATUS, new byte[] {0x7f, 0x00});
        StatusFrame running = new StatusFrame(true, 1, Depth.ofMm("0.5"), 120, Area.CHEEKS, "C-1");
        ble.notifyFrom(pen, STATUS, PenCodec.encode(running));
        settle();

        assertEquals(1, listener.badFrames.size(), listener.badFrames.toString());
        assertTrue(listener.badFrames.get(0).contains("profile version 127"), listener.badFrames.toString());
        assertEquals(List.of(running), listener.statuses);
        assertEquals(LinkState.SUBSCRIBED, fleet.states().get("PEN-1"));
    }

    @Test
    void severalPensAreLinkedAndSyncedEachOnItsOwn() throws Exception {
        FakePen a = pen("PEN-A", "C0:00:00:00:00:0A");
        FakePen b = pen("PEN-B", "C0:00:00:00:00:0B");
        a.record(1);
        a.record(2);
        b.record(1);
        listener.failOnce(1, "PEN-B");
        start("PEN-A", "PEN-B");

        ble.advertise(a);
        ble.advertise(b);
        settle();
        clock.advance(Duration.ofSeconds(10)); // PEN-B backs off after the failure
        ble.advertise(b);
        settle();

        assertEquals(List.of(1L, 2L), listener.stored("PEN-A"));
        assertEquals(List.of(1L), listener.stored("PEN-B"));
        assertEquals(Map.of("PEN-A", LinkState.SUBSCRIBED, "PEN-B", LinkState.SUBSCRIBED), fleet.states());
        assertEquals(List.of(), a.kept());
        assertEquals(List.of(), b.kept());
        assertEquals(
                List.of(
                        LinkState.CONNECTING,
                        LinkState.RESOLVING,
                        LinkState.SUBSCRIBED,
                        LinkState.SYNCING,
                        LinkState.SUBSCRIBED),
                listener.states("PEN-A"),
                "PEN-B's failure did not touch PEN-A's link");
    }

    /** Records what the links report; can refuse to store a session, as a full disk would. */
    private final class Listener implements PenListener {
        private final Map<String, List<LinkState>> states = new ConcurrentHashMap<>();
        private final Map<String, List<Long>> stored = new ConcurrentHashMap<>();
        private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
        /** Pens whose records are refused, as for a pen forgotten while its records were in flight. */
        final Set<String> refuseRecords = ConcurrentHashMap.newKeySet();
        /** Every record fails as on a full disk. */
        volatile boolean historyFull;

        final List<String> identified = new CopyOnWriteArrayList<>();
        final List<Integer> battery = new CopyOnWriteArrayList<>();
        final List<String> badFrames = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<StatusFrame> statuses = new CopyOnWriteArrayList<>();
        final List<String> waiting = new CopyOnWriteArrayList<>();
        /** Runs when a link reaches RESOLVING, before the sync starts. */
        volatile Runnable onConnected = () -> {};

        void alreadyStored(String serial, long... counters) {
            for (long counter : counters) {
                stored(serial).add(counter);
            }
        }

        void failOnce(long counter) {
            failOnce(counter, "PEN-1");
        }

        void failOnce(long counter, String serial) {
            failOnce.add(serial + ":" + counter);
        }

        List<Long> stored(String serial) {
            return stored.computeIfAbsent(serial, s -> new CopyOnWriteArrayList<>());
        }

        List<LinkState> states(String serial) {
            return new ArrayList<>(states.getOrDefault(serial, List.of()));
        }

        @Override
        public void identified(PenIdentity identity) {
            identified.add(
                    identity.serial() + " " + identity.model() + " " + identity.firmware() + " " + identity.address());
        }

        @Override
        public void stateChanged(String serial, LinkState state) {
            states.computeIfAbsent(serial, s -> new CopyOnWriteArrayList<>()).add(state);
            if (state == LinkState.RESOLVING) {
                onConnected.run();
            }
        }

        @Override
        public void battery(String serial, int percent) {
            battery.add(percent);
        }

        @Override
        public void status(String serial, StatusFrame status) {
            statuses.add(status);
        }

        @Override
        public void waiting(String serial, long sessions) {
            waiting.add(serial + " " + sessions);
        }

        @Override
        public boolean sessionRecord(String serial, String address, SessionRecordFrame record) {
            if (failOnce.remove(serial + ":" + record.counter())) {
                throw new IllegalStateException("disk full");
            }
            if (historyFull) {
                throw new HistoryException("disk full: /var/lib/needleguard (could not save); free some space");
            }
            if (refuseRecords.contains(serial)) {
                events.add(serial + " refused " + record.counter());
                return false;
            }
            if (!stored(serial).contains(record.counter())) {
                stored(serial).add(record.counter());
            }
            events.add(serial + " stored " + record.counter());
            return true;
        }

        @Override
        public void badFrame(String serial, FrameException problem) {
            badFrames.add(serial + ": " + problem.getMessage());
        }

        @Override
        public void refused(String serial, String address) {
            refused.add(serial + " " + address);
        }
    }
}
