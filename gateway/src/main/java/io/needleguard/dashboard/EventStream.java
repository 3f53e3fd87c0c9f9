package io.needleguard.dashboard;

import com.sun.net.httpserver.HttpExchange;
import io.needleguard.threads.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code /api/events}: server-sent events that tell open pages what changed ({@code pens},
 * {@code history}, {@code status}), so they fetch it again without a reload. Changes that come in a
 * burst (a pen fetching the sessions it kept) are sent as one event at most every {@link #COALESCE}.
 * A stream holds no thread: events are written by one sender thread, and a page that went away is
 * dropped at the next write. An {@code alive} event every {@link #HEARTBEAT} keeps idle streams open
 * through proxies, notices closed ones, and tells the page that the gateway still answers: a page that
 * hears nothing for a few heartbeats (a gateway that hangs without closing its connections) asks, and
 * says the gateway is silent when no answer comes.
 */
final class EventStream implements AutoCloseable {

    static final Duration COALESCE = Duration.ofMillis(150);
    /** Also in app.js (HEARTBEAT_MS): the page's watchdog allows a few of them to go missing. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** More open pages than this get 503: each holds a connection. */
    static final int MAX_STREAMS = 32;

    private final List<HttpExchange> streams = new CopyOnWriteArrayList<>();
    /**
     * One permit per stream that may open: taken before the stream is answered and given back when it is
     * dropped, so pages that connect at the same moment cannot all pass a check of the count and
     * together open more than {@link #MAX_STREAMS} (they did: 33 of 32).
     */
    private final Semaphore slots = new Semaphore(MAX_STREAMS);

    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService sender = DaemonThreads.scheduler("dashboard-events");
    private volatile boolean closed;

    EventStream() {
        this(HEARTBEAT);
    }

    /** With another heartbeat, for tests. */
    EventStream(Duration heartbeat) {
        // A named event, not a comment: the page's EventSource hands events to the script, never comments.
        var unused = sender.scheduleWithFixedDelay(
                () -> send("event: alive\ndata: {}\n\n"),
                heartbeat.toMillis(),
                heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Answers {@code exchange} with an open event stream (its headers are set by the caller); the
     * exchange stays open until the page goes away or the server stops.
     *
     * @return false, answering nothing, when {@link #MAX_STREAMS} are open
     */
    boolean open(HttpExchange exchange) throws IOException {
        if (closed || !slots.tryAcquire()) {
            return false;
        }
        boolean opened = false;
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            // The page fetches everything when a stream opens; it reconnects after 2 s when one breaks.
            body.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            streams.add(exchange);
            opened = true;
        } finally {
            if (!opened) {
                slots.release();
            }
        }
        return true;
    }

    int openStreams() {
        return streams.size();
    }

    /** Something of {@code kind} changed: tell every open page soon. */
    void changed(String kind) {
        if (closed) {
            return;
        }
        pending.add(kind);
        if (scheduled.compareAndSet(false, true)) {
            sender.schedule(this::flush, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // pending and streams are concurrent collections: removing while iterating is what they allow.
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
    private void flush() {
        scheduled.set(false);
        Set<String> kinds = new TreeSet<>();
        for (String kind : pending) {
            if (pending.remove(kind)) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty()) {
            return;
        }
        String data = kinds.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(",", "{\"kinds\":[", "]}"));
        send("id: " + sequence.incrementAndGet() + "\nevent: change\ndata: " + data + "\n\n");
    }

    @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a CopyOnWriteArrayList, see flush()
    private void send(String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        for (HttpExchange exchange : streams) {
            try {
                OutputStream body = exchange.getResponseBody();
                body.write(bytes);
                body.flush();
            } catch (IOException | RuntimeException gone) {
                drop(exchange);
            }
        }
    }

    @Override
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a CopyOnWriteArrayList, see flush()
    public void close() {
        closed = true;
        sender.shutdownNow();
        for (HttpExchange exchange : streams) {
            drop(exchange);
        }
    }

    /** Ends a stream and frees its place, once whoever notices first (a failed write, closing). */
    private void drop(HttpExchange exchange) {
        if (streams.remove(exchange)) {
            slots.release();
            exchange.close();
        }
    }
}
