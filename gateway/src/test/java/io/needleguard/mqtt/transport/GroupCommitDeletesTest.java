package io.needleguard.mqtt.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    private final List<List<Long>> commits = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holdFirst;
    private volatile boolean refuseFirst;
    /** Records each commit; the first may be held until released, or refused. */
    private final ObservedOutbox outbox = new ObservedOutbox(new MemoryOutbox(), ids -> {
        boolean first = commits.isEmpty();
        commits.add(ids);
        if (first && refuseFirst) {
            throw new IllegalStateException("disk full");
        }
        if (first && holdFirst) {
            await(release);
        }
    });

    private final AtomicInteger committed = new AtomicInteger();
    private final GroupCommitDeletes deletes = new GroupCommitDeletes(outbox, worker, committed::incrementAndGet);

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
        runUntil(() -> committed.get() == 1, "the commit reported");
        assertEquals(List.of(List.of(1L, 2L, 3L)), commits, "one commit for the three");
        assertEquals(1, committed.get());
        assertEquals(0, deletes.pending());
        assertEquals(0, outbox.size());
    }

    @Test
    void whileACommitIsUnderWayTheNextTakesEverythingThatCameMeanwhile() {
        addMessages(3);
        holdFirst = true;
        deletes.acknowledged(1);
        worker.runAll();
        Await.until(() -> commits.size() == 1, PATIENCE, "the first commit under way");

        deletes.acknowledged(2);
        worker.runAll();
        deletes.acknowledged(3);
        worker.runAll();
        assertTrue(deletes.holds(1) && deletes.holds(2) && deletes.holds(3), "none to be sent again");
        assertEquals(1, commits.size(), "one commit at a time");

        release.countDown();
        runUntil(() -> committed.get() == 2, "both commits reported");
        assertEquals(List.of(List.of(1L), List.of(2L, 3L)), commits);
        assertEquals(2, committed.get());
        assertEquals(0, outbox.size());
    }

    @Test
    void aCommitTheStoreRefusesKeepsItsMessagesHeldUntilTheRetryDeletesThem() {
        addMessages(2);
        refuseFirst = true;
        deletes.acknowledged(1);
        deletes.acknowledged(2);
        runUntil(() -> commits.size() == 1 && !deletes.committing(), "the refusal reported");
        assertEquals(0, committed.get(), "a refused commit is not reported as done");
        assertTrue(deletes.holds(1) && deletes.holds(2), "acknowledged: still not to be sent again");
        assertEquals(2, outbox.size());
        assertFalse(worker.hasWork(), "tried again with the next drain, not at once in a loop");

        deletes.retry();
        runUntil(() -> committed.get() == 1, "the retry's commit reported");
        assertEquals(List.of(List.of(1L, 2L), List.of(1L, 2L)), commits);
        assertEquals(1, committed.get());
        assertEquals(0, outbox.size());
        assertFalse(deletes.holds(1));
    }

    private void addMessages(int n) {
        for (int i = 0; i < n; i++) {
            outbox.add(new OutboundMessage("needleguard/event", ("" + i).getBytes(StandardCharsets.UTF_8), 1, false));
        }
    }

    /**
     * Runs the publisher's thread until {@code done}: the deleter reports each commit back on it, and a
     * report may arrive while that thread still runs (then it is handled in the same run), so the test
     * waits for the outcome, not for a report to be queued.
     */
    private void runUntil(java.util.function.BooleanSupplier done, String what) {
        Await.until(
                () -> {
                    worker.runAll();
                    return done.getAsBoolean();
                },
                PATIENCE,
                what,
                () -> commits);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
