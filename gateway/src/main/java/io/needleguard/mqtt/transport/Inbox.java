package io.needleguard.mqtt.transport;

import io.needleguard.threads.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages that arrived on a subscription (commands), handed to their handler on a thread of their own,
 * one at a time in the order they came: apart from publishing, so that whatever anyone with access to
 * the broker sends, and however much, sessions keep going out. What waits is bounded, in number and in
 * bytes: a client that publishes faster than commands are carried out has the excess dropped (Paho's
 * thread is never blocked, since it also reads the broker's acknowledgements), and the drops are counted
 * in one log line a minute.
 */
final class Inbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    /** At most this many messages wait for their handler. */
    static final int MAX_WAITING = 1_000;

    /** At most this many bytes of payload wait for their handlers. */
    static final long MAX_WAITING_BYTES = 8L * 1024 * 1024;

    private static final Duration DROPS_EVERY = Duration.ofMinutes(1);

    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_WAITING),
            DaemonThreads.named("mqtt-commands"));
    private final ScheduledExecutorService timer;
    private final AtomicLong waitingBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** @param timer where the count of dropped messages is said, a minute after the first drop */
    Inbox(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Hands {@code payload} to {@code handler} on the command thread, or drops it when too much waits. */
    void offer(String topic, byte[] payload, boolean retained, MqttTransport.Inbound handler) {
        long bytes = payload.length;
        if (waitingBytes.addAndGet(bytes) > MAX_WAITING_BYTES) {
            waitingBytes.addAndGet(-bytes);
            drop();
            return;
        }
        try {
            thread.execute(() -> {
                waitingBytes.addAndGet(-bytes);
                // A bad message must not take the next ones down.
                try {
                    handler.arrived(topic, payload, retained);
                } catch (RuntimeException e) {
                    log.error("MQTT message on {} could not be handled", topic, e);
                }
            });
        } catch (RejectedExecutionException full) {
            waitingBytes.addAndGet(-bytes);
            if (!thread.isShutdown()) {
                drop();
            }
        }
    }

    /** Messages waiting for their handler. */
    int waiting() {
        return thread.getQueue().size();
    }

    private void drop() {
        if (dropped.getAndIncrement() == 0) {
            log.warn(
                    "MQTT commands arrive faster than they can be carried out: dropping what does not fit (at"
                            + " most {} wait); a count follows in a minute",
                    MAX_WAITING);
            try {
                timer.schedule(
                        () -> log.warn(
                                "dropped {} MQTT commands in a minute: they arrived faster than they could be carried"
                                        + " out (who publishes them?)",
                                dropped.getAndSet(0)),
                        DROPS_EVERY.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // the transport is closing: nobody reads the count
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
