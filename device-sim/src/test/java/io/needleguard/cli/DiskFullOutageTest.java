package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.gateway.Gateway;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.ForwardingSessions;
import io.needleguard.history.HistoryException;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.household.Household;
import io.needleguard.link.LinkState;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.ble.SimBleBackend;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.time.VirtualClock;
import io.needleguard.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An hour of full disk with two pens in range, on the simulated radio and a virtual clock, with the log
 * {@code run} writes (its {@link SessionLog} included): what a user reads in the journal, and how often
 * the pens are disturbed. In the package of {@link SessionLog}, which {@code run} adds to its gateway.
 */
class DiskFullOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FULL = "disk full: /var/lib/needleguard";

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-05T18:00:00Z"), ZoneOffset.UTC);
    private final SimAir air = new SimAir();
    private final SimulatedPen first = new SimulatedPen("SIM-0001", "sim-a1", clock);
    private final SimulatedPen second = new SimulatedPen("SIM-0002", "sim-a1", clock);
    private final AtomicBoolean diskFull = new AtomicBoolean();
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void idle() throws InterruptedException {
        assertTrue(gateway.awaitIdle(WAIT), "gateway did not catch up");
    }

    /** A session of ten minutes; the pen notifies it when it ends. */
    private void session(SimulatedPen pen, String depth) throws InterruptedException {
        pen.start(Depth.ofMm(depth), 120, "C-" + pen.serial() + "-" + pen.sessionCounter());
        idle();
        clock.advance(Duration.ofMinutes(10));
        pen.stop();
        idle();
    }

    @Test
    void anHourOfFullDiskIsTwoLinesInTheLogAPenConnectionAMinuteAndNothingLost() throws Exception {
        InMemoryHistory disk = new InMemoryHistory();
        ForwardingSessions sessions = new ForwardingSessions(disk.sessions()) {
            @Override
            public boolean add(Session session, List<Finding> findings, Instant recordedAt) {
                if (diskFull.get()) {
                    throw new HistoryException(
                            FULL + " (could not save); free some space there: nothing is lost", FULL, null);
                }
                return super.add(session, findings, recordedAt);
            }
        };
        air.add(first);
        air.add(second);
        gateway = Gateway.builder()
                .clock(clock)
                .backend(new SimBleBackend(air))
                .history(disk.history(sessions))
                .household(Household.single(ZoneOffset.UTC))
                .allowedPens(Set.of("SIM-0001", "SIM-0002")::contains)
                // run's: 1 s doubling to a minute (without its jitter, so the count is exact)
                .backoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0, new Random(1)))
                .listener(new SessionLog())
                .listener(new GatewayListener() {
                    /** As MQTT's live findings do: queued in the history's outbox, on the same full disk. */
                    @Override
                    public void liveFindings(Session running, List<Finding> findings) {
                        if (diskFull.get()) {
                            throw new HistoryException(
                                    FULL + " (could not queue an MQTT message); free some space there", FULL, null);
                        }
                    }

                    @Override
                    public void penState(String serial, LinkState state) {
                        if (state == LinkState.SYNCING) {
                            connections
                                    .computeIfAbsent(serial, s -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                })
                .build();
        gateway.start();
        idle();
        session(first, "0.5");
        session(second, "0.5");
        assertEquals(2, disk.sessions().list(HistoryQuery.all()).size());

        List<String> log = new ArrayList<>();
        try (LogCapture ours = new LogCapture("io.needleguard");
                LogCapture run = new LogCapture("needleguard")) {
            diskFull.set(true);
            connections.clear();
            session(first, "1.5"); // too deep: flagged while it runs, and the flag cannot be queued either
            session(second, "0.5");
            for (int tick = 0; tick < 3600; tick++) {
                clock.advance(Duration.ofSeconds(1));
                air.advertiseAll();
                idle();
            }
            log.addAll(ours.messages());
            log.addAll(run.messages());
            System.out.printf(
                    "an hour of full disk: %d log line(s), %d with a stack trace; connections: %s%n",
                    log.size(), ours.withStackTrace() + run.withStackTrace(), connections);
            assertEquals(1, log.size(), "one line for the hour: " + log.subList(0, Math.min(10, log.size())));
            assertTrue(log.get(0).startsWith(FULL + " (could not queue an MQTT message)"), log.get(0));
            assertEquals(0, ours.withStackTrace() + run.withStackTrace(), "no stack trace: it is not a bug");
            for (String pen : List.of("SIM-0001", "SIM-0002")) {
                int times = connections.get(pen).get();
                // 1, 2, 4, ... 32 s, then every minute: about 65 in an hour, where it was one every 2 s.
                assertTrue(times >= 60 && times <= 70, pen + " connected " + times + " times in the hour");
            }
            assertEquals(1, first.storedRecords(), "the pens keep what was not stored");
            assertEquals(1, second.storedRecords());

            diskFull.set(false);
            for (int tick = 0; tick < 61 && first.storedRecords() + second.storedRecords() > 0; tick++) {
                clock.advance(Duration.ofSeconds(1));
                air.advertiseAll();
                idle();
            }
            List<String> after = new ArrayList<>(ours.messages());
            after.addAll(run.messages());
            after.removeAll(log);
            assertEquals(
                    1,
                    after.stream()
                            .filter(l -> l.startsWith("the history can be written again: recording resumes"))
                            .count(),
                    after.toString());
            assertTrue(after.stream().anyMatch(l -> l.startsWith("recorded session SIM-0001:2")), after.toString());
            assertTrue(after.stream().anyMatch(l -> l.startsWith("recorded session SIM-0002:2")), after.toString());
        }
        assertEquals(0, first.storedRecords() + second.storedRecords(), "deleted from the pens once stored");
        assertEquals(4, disk.sessions().list(HistoryQuery.all()).size(), "every session, each once");
    }
}
