package io.needleguard.mqtt.transport;

import io.needleguard.outbox.Outbox;
import io.needleguard.threads.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes from the outbox what the broker acknowledged, many acknowledgements in one commit (one fsync),
 * on a thread of its own so that publishing goes on while the disk syncs. One commit at a time; the
 * next takes all that came meanwhile. A commit the store refuses (a full disk) keeps its messages, to be
 * deleted with the next: until then they would at worst be sent again after a restart. Confined to the
 * publisher's thread, apart from the commit itself.
 */
final class GroupCommitDeletes {

    /** The transport's log: one name for whoever reads or filters what MQTT says. */
    private static final Logger log = LoggerFactory.getLogger(MqttTransport.class);

    private final Outbox outbox;
    private final ScheduledExecutorService worker;
    private final Runnable committed;
    /** Commits the deletes of acknowledged messages, one batch at a time. */
    private final ExecutorService deleter = DaemonThreads.single("mqtt-outbox-delete");

    /** Acknowledged by the broker, not yet handed to the deleter. */
    private final List<Long> undeleted = new ArrayList<>();
    /** Handed to the deleter, its commit not yet reported back: still in the outbox. */
    private Set<Long> deleting = Set.of();

    private boolean deleteQueued;

    /**
     * @param worker    the publisher's thread, where everything but the commit runs
     * @param committed run on the worker after each commit that deleted its batch
     */
    GroupCommitDeletes(Outbox outbox, ScheduledExecutorService worker, Runnable committed) {
        this.outbox = outbox;
        this.worker = worker;
        this.committed = committed;
    }

    /** The broker acknowledged message {@code id}: deleted with the next commit. */
    void acknowledged(long id) {
        undeleted.add(id);
        queue();
    }

    /** Acknowledged messages that wait for a commit, queued or under way. */
    int pending() {
        return undeleted.size() + deleting.size();
    }

    /** Whether message {@code id} was acknowledged and waits for its delete: not to be sent again. */
    boolean holds(long id) {
        return deleting.contains(id) || undeleted.contains(id);
    }

    /** Whether a batch is with the deleter, its outcome not yet reported back (on the worker). */
    boolean committing() {
        return !deleting.isEmpty();
    }

    /** A commit that the store refused is tried again; called with each drain. */
    void retry() {
        if (!undeleted.isEmpty()) {
            queue();
        }
    }

    /**
     * Deletes the acknowledged messages after the acknowledgements already queued on this thread have
     * been taken in: many acknowledgements, one commit.
     */
    private void queue() {
        if (!deleteQueued) {
            deleteQueued = true;
            worker.execute(this::now);
        }
    }

    /** Hands what was acknowledged to the deleter; one commit at a time, the next takes what came meanwhile. */
    void now() {
        deleteQueued = false;
        if (undeleted.isEmpty() || !deleting.isEmpty()) {
            return;
        }
        List<Long> batch = List.copyOf(undeleted);
        undeleted.clear();
        deleting = Set.copyOf(batch);
        try {
            deleter.execute(() -> {
                boolean done = delete(batch);
                try {
                    worker.execute(() -> deleted(batch, done));
                } catch (RejectedExecutionException closed) {
                    // closed meanwhile: nothing more to publish
                }
            });
        } catch (RejectedExecutionException closing) {
            undeleted.addAll(0, batch); // closing: remaining() deletes them
            deleting = Set.of();
        }
    }

    /** Deletes a batch from the outbox, on the deleter (or at close); false if the store refused. */
    private boolean delete(List<Long> batch) {
        try {
            outbox.acknowledge(batch);
            return true;
        } catch (RuntimeException e) {
            log.warn("could not remove delivered MQTT messages from the outbox: {}", e.getMessage());
            return false;
        }
    }

    /** The deleter's report, on the worker: a batch left the outbox, or is kept to be tried again. */
    private void deleted(List<Long> batch, boolean done) {
        deleting = Set.of();
        if (!done) {
            undeleted.addAll(0, batch); // tried again with the next drain
            return;
        }
        retry();
        committed.run();
    }

    /** At close, on the worker: waits for a commit under way (at most 2 s), then deletes the rest here. */
    void remaining() throws Exception {
        deleter.submit(() -> {}).get(2, TimeUnit.SECONDS);
        if (!undeleted.isEmpty() && delete(List.copyOf(undeleted))) {
            undeleted.clear();
        }
    }

    void close() {
        deleter.shutdownNow();
    }
}
