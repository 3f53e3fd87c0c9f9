package io.needleguard.sim.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.gateway.Gateway;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.ForwardingSessions;
import io.needleguard.history.History;
import io.needleguard.history.HistoryException;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.household.Household;
import io.needleguard.link.LinkState;
import io.needleguard.profile.PenCodec;
import io.needleguard.profile.PenProfile;
import io.needleguard.rules.Finding;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.time.VirtualClock;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import io.needleguard.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's pen links against simulated pens: faults a real radio and real pens produce. */
class GatewayOverSimulatedRadioTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-05T18:00:00Z"), ZoneOffset.UTC);
    private final SimAir air = new SimAir();
    private final SimulatedPen pen = new SimulatedPen("SIM-0001", "sim-a1", clock);
    private final List<String> badFrames = new CopyOnWriteArrayList<>();
    private final List<String> live = new CopyOnWriteArrayList<>();
    private final List<LinkState> links = new CopyOnWriteArrayList<>();
    private Gateway gateway;

    private Gateway start(InMemoryHistory history) throws Exception {
        return start(history.history());
    }

    private Gateway start(History history) throws Exception {
        gateway = Gateway.builder()
                .clock(clock)
                .backend(new SimBleBackend(air))
                .history(history)
                .household(Household.single(ZoneOffset.UTC))
                .allowedPens(Set.of("SIM-0001")::contains)
                .listener(new GatewayListener() {
                    @Override
                    public void badFrame(String serial, String problem) {
                        badFrames.add(serial + ": " + problem);
                    }

                    @Override
                    public void penState(String serial, LinkState state) {
                        links.add(state);
                    }

                    @Override
                    public void liveFindings(Session running, List<Finding> findings) {
                        findings.forEach(f -> live.add(running.id() + " " + f.severity() + " " + f.rule()));
                    }
                })
                .build();
        gateway.start();
        idle();
        return gateway;
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void idle() throws InterruptedException {
        assertTrue(gateway.awaitIdle(WAIT), "gateway did not catch up");
    }

    private void session(String depth) throws InterruptedException {
        pen.start(Depth.ofMm(depth), 120, "C-" + pen.sessionCounter());
        clock.advance(Duration.ofMinutes(10));
        pen.stop();
        clock.advance(Duration.ofDays(20));
        idle();
    }

    @Test
    void aMalformedFrameIsDroppedAndReportedAndTheConnectionLivesOn() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        air.add(pen);
        start(history);

        pen.sendMalformedStatus(new byte[] {0x01, 0x01, 0x2a});
        pen.sendMalformedStatus(new byte[] {0x07, 0x01, 0x2a, 0x00, 0x32, 0x00, 0x78, 0x00, 0x06, 0x00});
        idle();
        session("0.5");

        assertEquals(
                List.of(
                        "SIM-0001: status frame: truncated, 3 bytes where at least 10 are needed",
                        "SIM-0001: status frame: profile version 7 is not supported (this gateway reads version 1); update needleguard"),
                badFrames);
        assertEquals(LinkState.SUBSCRIBED, gateway.pens().get("SIM-0001"));
        assertEquals(1, history.sessions().list(HistoryQuery.all()).size());
    }

    @Test
    void closingWaitsForThePensLastWordsSoListenersCanCloseRightAfter() throws Exception {
        air.add(pen);
        start(new InMemoryHistory());
        assertEquals(LinkState.SUBSCRIBED, links.get(links.size() - 1));

        gateway.close();
        List<LinkState> heardBeforeReturn = List.copyOf(links);
        assertEquals(
                LinkState.DISCONNECTED,
                heardBeforeReturn.get(heardBeforeReturn.size() - 1),
                "the link dropped before close returned: " + heardBeforeReturn);
        assertTrue(gateway.awaitIdle(Duration.ZERO), "nothing left for a pen thread to do");
        assertEquals(heardBeforeReturn, links, "no listener hears from a pen once closed");
    }

    @Test
    void aDeviceClaimingAPairedSerialIsRefusedAndRecordsNothing() throws Exception {
        SimulatedPen impostor = SimulatedPen.impostor("SIM-0001", "ROGUE-9", clock);
        InMemoryHistory history = new InMemoryHistory();
        air.add(impostor);
        start(history);

        impostor.start(Depth.ofMm("0.5"), 120, "C-1");
        impostor.stop();
        idle();

        assertEquals(LinkState.DISCONNECTED, gateway.pens().get("SIM-0001"));
        assertFalse(impostor.connected());
        assertEquals(List.of(), history.sessions().list(HistoryQuery.all()));
    }

    @Test
    void aSessionTheHistoryCouldNotStoreStaysOnThePenAndArrivesOnceThereIsRoomWithOneLogLinePerChange()
            throws Exception {
        AtomicBoolean diskFull = new AtomicBoolean(true);
        InMemoryHistory disk = new InMemoryHistory();
        ForwardingSessions failing = new ForwardingSessions(disk.sessions()) {
            @Override
            public boolean add(Session session, List<Finding> findings, Instant recordedAt) {
                if (diskFull.get()) {
                    throw new HistoryException("disk full: /var/lib/needleguard (could not save); free some space");
                }
                return super.add(session, findings, recordedAt);
            }
        };
        air.add(pen);
        try (LogCapture log = new LogCapture("io.needleguard.link")) {
            start(disk.history(failing));

            session("0.5");
            for (int attempt = 0; attempt < 4; attempt++) { // the pen is seen again and again while the disk is full
                clock.advance(Duration.ofMinutes(2));
                air.advertiseAll();
                idle();
            }
            assertEquals(1, pen.storedRecords(), "not stored, so not deleted from the pen");
            assertEquals(List.of(), disk.sessions().list(HistoryQuery.all()));
            assertEquals(1, log.count("disk full: /var/lib/needleguard"), "news once: " + log.messages());
            assertEquals(0, log.withStackTrace(), "no stack trace: it is not a bug");

            diskFull.set(false);
            clock.advance(Duration.ofMinutes(2));
            air.advertiseAll();
            idle();

            assertEquals(1, disk.sessions().list(HistoryQuery.all()).size());
            assertEquals(0, pen.storedRecords());
            assertEquals(1, log.count("recording resumes"), log.messages().toString());
        }
    }

    private static final String COUNTS_AGAIN = "counts its sessions from the start again";

    /** The pen's sessions in the history, by id, as {@code history} lists them. */
    private static List<String> ids(History history) {
        return history.sessions().list(HistoryQuery.all()).stream()
                .map(r -> r.session().id().toString())
                .toList();
    }

    @Test
    void aPenWhoseCounterStartsAgainHasItsNewSessionsKeptAsANewGenerationAndSaysSoOnce(@TempDir Path dir)
            throws Exception {
        try (SqliteStore store = SqliteStore.open(dir);
                LogCapture log = new LogCapture("io.needleguard")) {
            air.add(pen);
            start(store.history());
            session("0.5");
            session("0.5");
            session("0.5");
            Session before = store.sessions()
                    .find(new SessionId("SIM-0001", 1))
                    .orElseThrow()
                    .session();

            pen.firmwareReset(); // while connected: its next session is its 1 again
            session("0.25");
            session("0.25");

            assertEquals(
                    List.of("SIM-0001:1", "SIM-0001:2", "SIM-0001:3", "SIM-0001:1.1", "SIM-0001:1.2"),
                    ids(store.history()));
            assertEquals(
                    before,
                    store.sessions()
                            .find(new SessionId("SIM-0001", 1))
                            .orElseThrow()
                            .session(),
                    "the session of before is untouched");
            assertEquals(
                    Depth.ofMm("0.25"),
                    store.sessions()
                            .find(SessionId.parse("SIM-0001:1.1"))
                            .orElseThrow()
                            .session()
                            .depth());
            assertEquals(0, pen.storedRecords(), "deleted from the pen only once stored");
            assertEquals(1, log.count(COUNTS_AGAIN), "said once: " + log.messages());
            assertTrue(
                    log.messages().stream()
                            .anyMatch(m -> m.contains(
                                    "its session 1 is not the SIM-0001:1 in the history, so it is kept as SIM-0001:1.1, and its"
                                            + " next sessions as SIM-0001:1.N")),
                    log.messages().toString());

            // A gateway started afresh knows the generation from the history.
            gateway.close();
            start(store.history());
            session("0.25");
            assertEquals("SIM-0001:1.3", ids(store.history()).get(5));
            assertEquals(1, log.count(COUNTS_AGAIN));
        }
    }

    @Test
    void aPenWhoseCounterWentBackWhileAwayHasItsSessionsFetchedWhenItIsBack(@TempDir Path dir) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir);
                LogCapture log = new LogCapture("io.needleguard")) {
            air.add(pen);
            start(store.history());
            for (int i = 0; i < 5; i++) {
                session("0.5");
            }
            air.setInRange(pen, false);
            idle();
            pen.firmwareReset();
            session("0.25"); // counters 1 and 2, below the 5 stored
            session("0.25");
            assertEquals(2, pen.storedRecords());

            air.setInRange(pen, true);
            idle();

            assertEquals(0, pen.storedRecords(), "fetched, stored, then deleted: not kept on the pen for ever");
            assertEquals(
                    List.of(
                            "SIM-0001:1",
                            "SIM-0001:2",
                            "SIM-0001:3",
                            "SIM-0001:4",
                            "SIM-0001:5",
                            "SIM-0001:1.1",
                            "SIM-0001:1.2"),
                    ids(store.history()));
            assertEquals(1, log.count(COUNTS_AGAIN), log.messages().toString());
        }
    }

    @Test
    void sessionsDoneOutOfRangeArriveOnceWhenThePenIsBack() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        air.add(pen);
        start(history);
        session("0.25");

        air.setInRange(pen, false);
        idle();
        session("0.25");
        session("0.25");
        assertEquals(1, history.sessions().list(HistoryQuery.all()).size());
        assertEquals(2, pen.storedRecords());

        air.setInRange(pen, true);
        idle();
        assertEquals(3, history.sessions().list(HistoryQuery.all()).size());
        assertEquals(0, pen.storedRecords());
    }

    @Test
    void thePenClockIsSetOnConnectionSoSessionsCarryTheGatewaysTime() throws Exception {
        // A pen whose clock drifted three years behind.
        pen.write(
                PenProfile.SERVICE,
                PenProfile.TIME_SYNC,
                PenCodec.encodeTimeSync(Instant.parse("2023-01-05T18:00:00Z")));
        air.add(pen);
        InMemoryHistory history = new InMemoryHistory();
        start(history);
        session("0.25");
        Session stored = history.sessions().list(HistoryQuery.all()).get(0).session();
        assertEquals(Instant.parse("2026-01-05T18:00:00Z"), stored.start());
    }

    @Test
    void theChosenAreaIsWrittenToThePenAndTagsSessionsDoneOutOfRange() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        air.add(pen);
        start(history);

        gateway.chooseArea("SIM-0001", Area.NOSE);
        idle();
        assertEquals(Area.NOSE, pen.selectedArea());

        air.setInRange(pen, false);
        idle();
        pen.start(Depth.ofMm("0.25"), 120, "C-9");
        clock.advance(Duration.ofMinutes(5));
        pen.stop();
        air.setInRange(pen, true);
        idle();
        assertEquals(
                Area.NOSE,
                history.sessions().list(HistoryQuery.all()).get(0).session().area());
    }

    @Test
    void aChoiceStoredByAnotherProcessReachesAConnectedPenWithinSeconds() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        air.add(pen);
        start(history);
        history.fromAnotherProcess(
                () -> history.areas().chooseArea("SIM-0001", Area.CHIN, clock.instant())); // 'area set'
        Await.until(
                () -> pen.selectedArea() == Area.CHIN,
                Duration.ofSeconds(10),
                "the area set by another process written to the pen");
    }

    @Test
    void aPenThatConnectsLaterIsToldItsAreaOnConnection() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        history.areas().chooseArea("SIM-0001", Area.FOREHEAD, clock.instant());
        air.add(pen);
        start(history);
        assertEquals(Area.FOREHEAD, pen.selectedArea());
    }

    @Test
    void unsafeUseIsFlaggedWhileThePenRunsBeforeTheSessionEnds() throws Exception {
        InMemoryHistory history = new InMemoryHistory();
        air.add(pen);
        start(history);
        pen.selectArea(Area.EYELIDS);
        pen.start(Depth.ofMm("1.2"), 120, "C-1");
        idle();

        assertEquals(
                List.of("SIM-0001:0 critical area.not-for-needling", "SIM-0001:0 critical depth.home-limit"), live);
        assertEquals(
                List.of(), history.sessions().list(HistoryQuery.all()), "nothing is recorded until the session ends");
        pen.sendMalformedStatus(new byte[0]);
        idle();
        assertEquals(2, live.size(), "each finding once per run");
    }
}
