package io.needleguard.mqtt.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting acknowledged messages in commits: the publisher's thread run by the test, the deleter a real
 * thread, the outbox a fake that records each commit and can hold one or refuse one.
 */
class GroupCommitDeletesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ManualWorker worker = new ManualWorker();
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final AtomicInteger committed = new AtomicInteger();
    private final GroupCommitDeletes deletes = new GroupCommitDeletes(outbox, worker, committed::incrementAndGet);

    /** An outbox that records each commit; the first may be held until released, or refused. */
    private static final class RecordingOutbox implements Outbox {
        final MemoryOutbox messages = new MemoryOutbox();
        final List<List<Long>> commits = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean holdFirst;
        volatile boolean refuseFirst;

        @Override
        public void acknowledge(Collection<Long> ids) {
            boolean first = commits.isEmpty();
            commits.add(List.copyOf(ids));
            if (first && refuseFirst) {
                throw new IllegalStateException("disk full");
            }
            if (first && holdFirst) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            messages.acknowledge(ids);
        }

        @Override
        public void add(OutboundMessage message) {
            messages.add(message);
        }

        @Override
        public List<Entry> oldest(int max) {
            return messages.oldest(max);
        }

        @Override
        public List<Entry> oldestAfter(long id, int max) {
            return messages.oldestAfter(id, max);
        }

        @Override
        public void acknowledge(long id) {
            acknowledge(List.of(id));
        }

        @Override
        public int size() {
            return messages.size();
        }
    }

    @AfterEach
    void close() {
        deletes.close();
    }

    @Test
    void acknowledgementsTakenInTogetherAreDeletedInOneCommit() {
        addMessages(3);
        deletes.acknowledged(1);
        deletes.acknowledged(2);
        deletes.acknowledged(3);
        assertEquals(3, deletes.pending());
        worker.runAll();
        awaitReport();
        worker.runAll();
        assertEquals(List.of(List.of(1L, 2L, 3L)), outbox.commits, "one commit for the three");
        assertEquals(1, committed.get());
        assertEquals(0, deletes.pending());
        assertEquals(0, outbox.size());
    }

    @Test
    void whileACommitIsUnderWayTheNextTakesEverythingThatCameMeanwhile() {
        addMessages(3);
        outbox.holdFirst = true;
        deletes.acknowledged(1);
        worker.runAll();
        Await.until(() -> outbox.commits.size() == 1, PATIENCE, "the first commit under way");

        deletes.acknowledged(2);
        worker.runAll();
        deletes.acknowledged(3);
        worker.runAll();
        assertTrue(deletes.holds(1) && deletes.holds(2) && deletes.holds(3), "none to be sent again");
        assertEquals(1, outbox.commits.size(), "one commit at a time");

        outbox.release.countDown();
        awaitReport();
        worker.runAll();
        awaitReport();
        worker.runAll();
        assertEquals(List.of(List.of(1L), List.of(2L, 3L)), outbox.commits);
        assertEquals(2, committed.get());
        assertEquals(0, outbox.size());
    }

    @Test
    void aCommitTheStoreRefusesKeepsItsMessagesHeldUntilTheRetryDeletesThem() {
        addMessages(2);
        outbox.refuseFirst = true;
        deletes.acknowledged(1);
        deletes.acknowledged(2);
        worker.runAll();
        awaitReport();
        worker.runAll();
        assertEquals(0, committed.get(), "a refused commit is not reported as done");
        assertTrue(deletes.holds(1) && deletes.holds(2), "acknowledged: still not to be sent again");
        assertEquals(2, outbox.size());
        assertFalse(worker.hasWork(), "tried again with the next drain, not at once in a loop");

        deletes.retry();
        worker.runAll();
        awaitReport();
        worker.runAll();
        assertEquals(List.of(List.of(1L, 2L), List.of(1L, 2L)), outbox.commits);
        assertEquals(1, committed.get());
        assertEquals(0, outbox.size());
        assertFalse(deletes.holds(1));
    }

    private void addMessages(int n) {
        for (int i = 0; i < n; i++) {
            outbox.add(new OutboundMessage("needleguard/event", ("" + i).getBytes(StandardCharsets.UTF_8), 1, false));
        }
    }

    /** The deleter reports each commit back on the publisher's thread. */
    private void awaitReport() {
        Await.until(worker::hasWork, PATIENCE, "the deleter's report", () -> outbox.commits);
    }
}
