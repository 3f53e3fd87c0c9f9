package io.needleguard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.household.Household;
import io.needleguard.link.FakeBle;
import io.needleguard.link.FakePen;
import io.needleguard.link.LinkState;
import io.needleguard.session.SessionId;
import io.needleguard.testing.Await;
import io.needleguard.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session from a pen is committed, then the pen is told it may delete it, and only then do the
 * listeners (the MQTT bridge, the dashboard, the console, the owner's next safe times read again) hear
 * of it, on a thread of their own: however slow they are, the pen is not kept waiting, and each pen's
 * events still reach them in the order they happened.
 */
class ListenersHearAfterThePenIsToldTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> radio = new CopyOnWriteArrayList<>();
    private final FakeBle ble = new FakeBle();
    private final FakePen pen = new FakePen("PEN-1", "PEN-1", "C0:00:00:00:00:01", radio);
    private final InMemoryHistory history = new InMemoryHistory();
    /** Released by the test: until then the listener is busy with the first session it hears of. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final CountDownLatch busy = new CountDownLatch(1);
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private Gateway gateway;

    /** Hears a pen's states and its sessions waiting and recorded; slow on the first session. */
    private final GatewayListener slowListener = new GatewayListener() {
        @Override
        public void penState(String serial, LinkState state) {
            heard.add("state " + state);
        }

        @Override
        public void penWaiting(String serial, long sessions) {
            heard.add("waiting " + sessions);
        }

        @Override
        public void recorded(RecordedSession session) {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heard.add("recorded " + session.session().id());
        }
    };

    private void start() throws Exception {
        ble.add(pen);
        gateway = Gateway.builder()
                .clock(new TestClock(Instant.parse("2026-02-01T10:00:00Z")))
                .backend(ble)
                .history(history.history())
                .household(Household.single(ZoneOffset.UTC))
                .allowedPens(Set.of("PEN-1")::contains)
                .listener(slowListener)
                .build();
        gateway.start();
        ble.advertise(pen);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (gateway != null) {
            gateway.close();
        }
        ble.close();
    }

    private boolean stored(long counter) {
        return history.sessions().find(new SessionId("PEN-1", counter)).isPresent();
    }

    @Test
    void aListenerStillBusyWithASessionDoesNotKeepThePenFromDeletingIt() throws Exception {
        pen.record(1);
        pen.record(2);
        start();

        Await.until(
                () -> pen.kept().isEmpty(),
                WAIT,
                "the pen told it may delete its sessions while a listener is still busy with the first",
                radio::toString);

        assertTrue(stored(1) && stored(2), "deleted only once stored");
        assertTrue(busy.getCount() == 0, "the listener was busy the whole time");
        assertFalse(heard.contains("recorded PEN-1:1"), "the listener had not yet finished hearing it: " + heard);
        release.countDown();
        assertTrue(gateway.awaitIdle(WAIT), "the listeners caught up");
        assertTrue(heard.contains("recorded PEN-1:2"), heard::toString);
    }

    @Test
    void thePensEventsReachTheListenersInTheOrderTheyHappened() throws Exception {
        pen.record(1);
        pen.record(2);
        start();
        Await.until(() -> pen.kept().isEmpty(), WAIT, "the pen deleted its sessions", radio::toString);

        release.countDown();
        assertTrue(gateway.awaitIdle(WAIT), "the listeners caught up");

        assertEquals(
                List.of(
                        "state CONNECTING",
                        "state RESOLVING",
                        "state SUBSCRIBED",
                        "state SYNCING",
                        "waiting 2",
                        "recorded PEN-1:1",
                        "waiting 1",
                        "recorded PEN-1:2",
                        "waiting 0",
                        "state SUBSCRIBED",
                        "waiting 0"),
                heard);
    }

    @Test
    void closingTheGatewayWaitsUntilTheListenersHaveHeardWhatCameBefore() throws Exception {
        pen.record(1);
        start();
        Await.until(() -> pen.kept().isEmpty(), WAIT, "the pen deleted its session", radio::toString);
        assertTrue(busy.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "the listener is busy");

        Thread closing = new Thread(() -> {
            gateway.close();
            heard.add("closed");
        });
        closing.start();
        Await.until(
                () -> closing.getState() == Thread.State.TIMED_WAITING,
                WAIT,
                "close waiting for the listeners",
                closing::getState);
        assertFalse(heard.contains("closed"), heard::toString);
        release.countDown();
        closing.join(WAIT.toMillis());

        assertEquals(
                List.of("recorded PEN-1:1", "closed"),
                heard.stream()
                        .filter(e -> e.startsWith("recorded") || e.equals("closed"))
                        .toList());
        gateway = null;
    }
}
