package io.needleguard.mqtt.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.needleguard.mqtt.MqttSettings;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.retry.Backoff;
import io.needleguard.testing.Await;
import io.needleguard.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The transport against Paho's client interface, mocked with Mockito: what a real broker cannot be
 * made to do on demand (acknowledge out of order, fail one publish, drop the connection at a chosen
 * moment) and what the transport must make of it.
 */
class MqttTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Backoff QUICK =
            new Backoff(Duration.ofMillis(20), Duration.ofMillis(50), 0, RandomGenerator.getDefault());
    private static final MqttSettings SETTINGS =
            MqttSettings.of("tcp://broker.invalid:1883", "needleguard-test", "needleguard");

    private final IMqttAsyncClient client = mock(IMqttAsyncClient.class);
    private final MemoryOutbox outbox = new MemoryOutbox();
    /** Each queued publish with the listener that acknowledges (or fails) it, in the order sent. */
    private final List<Publish> publishes = new CopyOnWriteArrayList<>();
    /** Each direct (retained) publish's topic, in the order sent. */
    private final List<String> direct = new CopyOnWriteArrayList<>();

    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger sentinels = new AtomicInteger();
    private MqttCallback callback;
    private MqttTransport transport;

    private record Publish(String text, IMqttActionListener listener) {
        void ack() {
            listener.onSuccess(mock(IMqttToken.class));
        }

        void fail() {
            listener.onFailure(mock(IMqttToken.class), new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT));
        }
    }

    @BeforeEach
    void mockTheClient() throws Exception {
        doAnswer(inv -> {
                    callback = inv.getArgument(0);
                    return null;
                })
                .when(client)
                .setCallback(any());
        doAnswer(inv -> {
                    connects.incrementAndGet();
                    IMqttActionListener listener = inv.getArgument(2);
                    listener.onSuccess(mock(IMqttToken.class));
                    return mock(IMqttToken.class);
                })
                .when(client)
                .connect(any(MqttConnectOptions.class), any(), any(IMqttActionListener.class));
        doAnswer(inv -> {
                    publishes.add(new Publish(
                            new String((byte[]) inv.getArgument(1), StandardCharsets.UTF_8), inv.getArgument(5)));
                    return mock(IMqttDeliveryToken.class);
                })
                .when(client)
                .publish(anyString(), any(byte[].class), anyInt(), anyBoolean(), any(), any(IMqttActionListener.class));
        doAnswer(inv -> {
                    direct.add(inv.getArgument(0));
                    return mock(IMqttDeliveryToken.class);
                })
                .when(client)
                .publish(anyString(), any(byte[].class), anyInt(), anyBoolean());
        when(client.disconnect(any(Long.class))).thenReturn(mock(IMqttToken.class));
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private void start() {
        start(outbox);
    }

    private void start(Outbox outbox) {
        OutboundMessage online =
                new OutboundMessage("needleguard/status", "online".getBytes(StandardCharsets.UTF_8), 1, true);
        OutboundMessage offline =
                new OutboundMessage("needleguard/status", "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        transport = new MqttTransport(
                SETTINGS,
                client,
                outbox,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                QUICK,
                new MqttTransport.Announcements(
                        online,
                        offline,
                        size -> new OutboundMessage(
                                "needleguard/gateway", ("" + size).getBytes(StandardCharsets.UTF_8), 1, true)));
        transport.start();
    }

    private void queue(String... texts) {
        for (String text : texts) {
            outbox.add(new OutboundMessage("needleguard/P/session", text.getBytes(StandardCharsets.UTF_8), 1, false));
        }
    }

    /** Acknowledges every publish sent so far from {@code acked} on; returns how many are acknowledged. */
    private int acknowledgeSent(int acked) {
        int sent = publishes.size();
        for (; acked < sent; acked++) {
            publishes.get(acked).ack();
        }
        return acked;
    }

    /**
     * Acknowledges each publish as it comes until {@code count} are acknowledged, then goes on until the
     * publisher, having taken in every acknowledgement, sends nothing more; returns how many it acknowledged.
     */
    private int acknowledgeUpTo(int acked, int count) {
        while ((acked = acknowledgeSent(acked)) < count) {
            int seen = acked;
            Await.until(
                    () -> publishes.size() > seen,
                    WAIT,
                    "more publishes after " + seen + " acknowledged, up to " + count,
                    () -> publishes.size() + " published");
        }
        while (true) {
            publisherCaughtUp();
            if (publishes.size() == acked) {
                return acked;
            }
            acked = acknowledgeSent(acked);
        }
    }

    /**
     * Returns once the publisher thread has done everything handed to it before this call (the
     * acknowledgements given so far, the drains they started): a retained sentinel handed to it now is
     * published after all of that, as its thread takes tasks in order.
     */
    private void publisherCaughtUp() {
        String sentinel = "test/sentinel/" + sentinels.incrementAndGet();
        transport.retain(new OutboundMessage(sentinel, new byte[0], 1, true));
        Await.until(() -> direct.contains(sentinel), WAIT, "the publisher thread to reach " + sentinel);
    }

    /** An outbox whose deletes wait for {@code disk}, as a commit waits for a slow one; {@code committing} counts each. */
    private Outbox slowDisk(CountDownLatch committing, CountDownLatch disk) {
        return new ObservedOutbox(outbox, ids -> {
            committing.countDown();
            try {
                disk.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * A delete's commit waiting for the disk does not stop publishing: the publisher goes on until
     * {@link MqttTransport#MAX_UNDELETED} acknowledged messages wait for their delete (the bound on
     * what a power cut could send twice), and nothing leaves the outbox before its commit.
     */
    @Test
    void publishingGoesOnWhileADeleteCommitsUpToTheBoundOfUndeletedMessages() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        Outbox slow = slowDisk(new CountDownLatch(1), disk);
        for (int i = 1; i <= 200; i++) {
            queue("m" + i);
        }
        start(slow);
        Await.until(() -> publishes.size() == MqttTransport.MAX_IN_FLIGHT, WAIT, "a full window published");

        int acked = acknowledgeUpTo(0, MqttTransport.MAX_UNDELETED);
        assertTrue(publishes.size() >= MqttTransport.MAX_UNDELETED, "published on during the commit: " + acked);
        assertTrue(
                publishes.size() < MqttTransport.MAX_UNDELETED + MqttTransport.MAX_IN_FLIGHT,
                "then stopped: a power cut now could send " + acked + " again");
        assertEquals(200, outbox.size(), "nothing deleted before its commit");

        disk.countDown();
        acked = acknowledgeUpTo(acked, 200);
        assertEquals(200, acked);
        assertTrue(transport.awaitDelivered(WAIT), waiting().toString());
    }

    /** After a reconnection the outbox is read from its oldest again; what the broker acknowledged is not resent. */
    @Test
    void aMessageAcknowledgedBeforeAReconnectionIsNotSentAgainWhileItsDeleteCommits() throws Exception {
        CountDownLatch committing = new CountDownLatch(1);
        CountDownLatch disk = new CountDownLatch(1);
        Outbox slow = slowDisk(committing, disk);
        for (int i = 1; i <= 30; i++) {
            queue("m" + i);
        }
        start(slow);
        Await.until(() -> publishes.size() == MqttTransport.MAX_IN_FLIGHT, WAIT, "a full window published");
        for (int i = 0; i < 10; i++) {
            publishes.get(i).ack();
        }
        assertTrue(committing.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        Await.until(() -> publishes.size() == 30, WAIT, "the window refilled", () -> publishes.size());

        callback.connectionLost(new java.io.IOException("reset"));
        Await.until(() -> publishes.size() >= 30 + 20, WAIT, "the unacknowledged sent again");
        List<String> again = publishes.subList(30, publishes.size()).stream()
                .map(Publish::text)
                .toList();
        assertEquals("m11", again.get(0), again.toString());
        for (int i = 1; i <= 10; i++) {
            assertTrue(!again.contains("m" + i), "m" + i + " was acknowledged, yet sent again: " + again);
        }
        disk.countDown();
    }

    @Test
    void deletesTheStoreRefusedAreTriedAgainAndTheMessagesKeptMeanwhile() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean diskFull = new AtomicBoolean(true);
        Outbox full = new ObservedOutbox(outbox, ids -> {
            attempts.incrementAndGet();
            if (diskFull.get()) {
                throw new IllegalStateException("database or disk is full");
            }
        });
        queue("m1", "m2");
        try (LogCapture log = new LogCapture(MqttTransport.class)) {
            start(full);
            Await.until(() -> publishes.size() == 2, WAIT, "both published");
            publishes.forEach(Publish::ack);
            Await.until(() -> attempts.get() >= 1, WAIT, "a delete tried");
            Await.until(
                    () -> log.messages().stream().anyMatch(m -> m.contains("disk is full")),
                    WAIT,
                    "the refused delete logged");
            assertEquals(List.of("m1", "m2"), waiting(), "kept while the store refuses");
        }

        diskFull.set(false);
        queue("m3");
        transport.drainSoon();
        Await.until(
                () -> waiting().equals(List.of("m3")),
                WAIT,
                "m1 and m2 deleted, m3 waiting",
                () -> waiting().toString());
    }

    private List<String> waiting() {
        return outbox.waiting().stream()
                .map(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void aMessageLeavesTheOutboxOnlyOnItsOwnAcknowledgementInWhateverOrderTheyCome() throws Exception {
        queue("m1", "m2", "m3");
        start();
        Await.until(() -> publishes.size() == 3, WAIT, "three published", () -> publishes.toString());
        assertEquals(
                List.of("m1", "m2", "m3"), publishes.stream().map(Publish::text).toList());

        publishes.get(2).ack();
        publishes.get(0).ack();
        Await.until(
                () -> waiting().equals(List.of("m2")),
                WAIT,
                "only m2 left",
                () -> waiting().toString());
        assertEquals(2, transport.delivered());

        publishes.get(1).fail(); // a timeout: kept, and sent again after the reconnect that follows
        callback.connectionLost(new java.io.IOException("broker went away"));
        Await.until(() -> publishes.size() == 4, WAIT, "m2 sent again", () -> publishes.toString());
        assertEquals("m2", publishes.get(3).text());
        publishes.get(3).ack();
        assertTrue(transport.awaitDelivered(WAIT));
        assertEquals(List.of(), waiting());
    }

    @Test
    void atMostTwentyMessagesAreUnacknowledgedAtOnce() {
        for (int i = 1; i <= 50; i++) {
            queue("m" + i);
        }
        start();
        Await.until(() -> publishes.size() == MqttTransport.MAX_IN_FLIGHT, WAIT, "a full window published");
        // Nothing more goes out until an acknowledgement comes back.
        transport.drainSoon();
        publisherCaughtUp();
        assertEquals(MqttTransport.MAX_IN_FLIGHT, publishes.size(), "a drain with the window full sends nothing");

        publishes.get(0).ack();
        Await.until(
                () -> publishes.size() == MqttTransport.MAX_IN_FLIGHT + 1,
                WAIT,
                "one more published for the acknowledgement");
        assertEquals("m21", publishes.get(MqttTransport.MAX_IN_FLIGHT).text());
    }

    /**
     * Acknowledgements that come together are deleted together, in one commit of the outbox (one
     * fsync for many), and only they: a message the broker has not acknowledged stays.
     */
    @Test
    void acknowledgementsThatComeTogetherAreDeletedInOneCommit() throws Exception {
        List<List<Long>> commits = new CopyOnWriteArrayList<>();
        Outbox counting = new ObservedOutbox(outbox, commits::add);
        for (int i = 1; i <= 20; i++) {
            queue("m" + i);
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        doAnswer(inv -> {
                    if ("needleguard/hold".equals(inv.getArgument(0))) {
                        held.countDown();
                        hold.await(); // keeps the publisher thread busy while the acknowledgements come in
                    }
                    direct.add(inv.getArgument(0));
                    return mock(IMqttDeliveryToken.class);
                })
                .when(client)
                .publish(anyString(), any(byte[].class), anyInt(), anyBoolean());
        start(counting);
        Await.until(() -> publishes.size() == 20, WAIT, "twenty published");
        transport.retain(new OutboundMessage("needleguard/hold", new byte[0], 1, true));
        assertTrue(held.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        for (Publish p : publishes) {
            if (!p.text().equals("m7")) {
                p.ack();
            }
        }
        hold.countDown();

        Await.until(
                () -> waiting().equals(List.of("m7")),
                WAIT,
                "all but m7 deleted",
                () -> waiting().toString());
        assertEquals(1, commits.size(), commits.toString());
        assertEquals(19, commits.get(0).size());
        assertEquals(19, transport.delivered());
    }

    @Test
    void aCommandBeingCarriedOutDoesNotHoldUpPublishing() throws Exception {
        start();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        transport.subscribe("needleguard/+/log", (topic, payload, retained) -> {
            handled.incrementAndGet();
            try {
                release.await(); // a command that takes its time, e.g. a disk that is slow to commit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Await.until(() -> callback != null && transport.isConnected(), WAIT, "connected");
        callback.messageArrived("needleguard/alex/log", new MqttMessage("{}".getBytes(StandardCharsets.UTF_8)));
        Await.until(() -> handled.get() == 1, WAIT, "the command is being carried out");
        try {
            queue("a pen's session");
            transport.drainSoon();
            Await.until(
                    () -> publishes.stream().anyMatch(p -> p.text().equals("a pen's session")),
                    WAIT,
                    "published while the command is still being carried out");
        } finally {
            release.countDown();
        }
    }

    @Test
    void commandsArrivingFasterThanTheyAreCarriedOutAreDroppedAndCountedNotQueuedWithoutEnd() throws Exception {
        try (LogCapture log = new LogCapture(Inbox.class)) {
            start();
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger handled = new AtomicInteger();
            transport.subscribe("needleguard/+/area/set", (topic, payload, retained) -> {
                handled.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Await.until(() -> callback != null && transport.isConnected(), WAIT, "connected");
            byte[] megabyte = new byte[1 << 20];
            for (int i = 0; i < 2_000; i++) {
                callback.messageArrived("needleguard/P/area/set", new MqttMessage(i % 2 == 0 ? megabyte : new byte[1]));
            }
            release.countDown();
            Await.until(
                    () -> log.count("dropping what does not fit") == 1,
                    WAIT,
                    "one line about dropping what does not fit",
                    () -> log.messages().toString());
            // At most 8 MB of payloads wait: the eight megabyte ones and the small ones that fit.
            Await.until(
                    () -> handled.get() >= Inbox.MAX_WAITING / 2,
                    WAIT,
                    "what fitted is carried out",
                    () -> handled.get());
            assertTrue(handled.get() <= Inbox.MAX_WAITING + 1, "no more than fits: " + handled.get());
        }
    }

    @Test
    void aPublishThatThrowsKeepsTheMessageForTheNextConnection() throws Exception {
        doAnswer(inv -> {
                    throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
                })
                .doAnswer(inv -> {
                    publishes.add(new Publish(
                            new String((byte[]) inv.getArgument(1), StandardCharsets.UTF_8), inv.getArgument(5)));
                    return mock(IMqttDeliveryToken.class);
                })
                .when(client)
                .publish(anyString(), any(byte[].class), anyInt(), anyBoolean(), any(), any(IMqttActionListener.class));
        queue("m1");
        start();
        Await.until(() -> connects.get() == 1, WAIT, "connected");
        assertEquals(List.of("m1"), waiting());

        callback.connectionLost(new java.io.IOException("reset"));
        Await.until(() -> publishes.size() == 1, WAIT, "sent again once connected again");
        publishes.get(0).ack();
        assertTrue(transport.awaitDelivered(WAIT));
    }

    @Test
    void retainedStateIsPublishedAgainOnEveryConnectionWithItsLatestValue() {
        start();
        transport.retain(new OutboundMessage("needleguard/P/state", "old".getBytes(StandardCharsets.UTF_8), 1, true));
        transport.retain(new OutboundMessage("needleguard/P/state", "new".getBytes(StandardCharsets.UTF_8), 1, true));
        Await.until(() -> direct.contains("needleguard/P/state"), WAIT, "the state published");
        assertTrue(direct.contains("needleguard/status"));
        int before = (int) direct.stream().filter("needleguard/P/state"::equals).count();

        callback.connectionLost(new java.io.IOException("reset"));
        Await.until(() -> connects.get() == 2, WAIT, "connected again");
        Await.until(
                () -> direct.stream().filter("needleguard/P/state"::equals).count() == before + 1,
                WAIT,
                "published once more on the new connection, with the latest value only",
                () -> direct);
    }

    @Test
    void aRefusedLoginIsSaidOnceAndRetriedUntilTheBrokerTakesIt() throws Exception {
        AtomicInteger refusals = new AtomicInteger(3);
        doAnswer(inv -> {
                    connects.incrementAndGet();
                    IMqttActionListener listener = inv.getArgument(2);
                    if (refusals.getAndDecrement() > 0) {
                        listener.onFailure(
                                mock(IMqttToken.class),
                                new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
                    } else {
                        listener.onSuccess(mock(IMqttToken.class));
                    }
                    return mock(IMqttToken.class);
                })
                .when(client)
                .connect(any(MqttConnectOptions.class), any(), any(IMqttActionListener.class));
        queue("m1");
        try (LogCapture log = new LogCapture(MqttTransport.class)) {
            start();
            Await.until(() -> publishes.size() == 1, WAIT, "published once the broker took the login");
            assertEquals(4, connects.get());
            assertEquals(
                    1,
                    log.count("refused the user name or password"),
                    log.messages().toString());
            assertEquals(1, log.count("connected again"), log.messages().toString());
        }
    }

    @Test
    void theLastWillSaysOfflineAndACleanStopPublishesIt() throws Exception {
        ArgumentCaptor<MqttConnectOptions> options = ArgumentCaptor.forClass(MqttConnectOptions.class);
        start();
        Await.until(() -> connects.get() == 1, WAIT, "connected");
        org.mockito.Mockito.verify(client).connect(options.capture(), any(), any(IMqttActionListener.class));
        assertEquals("needleguard/status", options.getValue().getWillDestination());
        assertEquals("offline", new String(options.getValue().getWillMessage().getPayload(), StandardCharsets.UTF_8));
        assertTrue(options.getValue().getWillMessage().isRetained());

        when(client.isConnected()).thenReturn(true);
        transport.close();
        org.mockito.Mockito.verify(client)
                .publish(eq("needleguard/status"), eq("offline".getBytes(StandardCharsets.UTF_8)), eq(1), eq(true));
    }
}
