package io.needleguard.dashboard;

import io.needleguard.threads.DaemonThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's front door: it accepts every connection itself, on one thread that never waits for a
 * client, and passes a request on to the HTTP server behind it (the JDK's, on a loopback port of its
 * own) only once the request has arrived whole, as the only request of its connection.
 *
 * <p>Why a door of our own: the JDK's server gives a connection to one of its workers as soon as its
 * first byte arrives, and the worker then waits, without a time limit, for the rest of the request
 * line and headers. Two clients that send half a request held both workers for good, before any
 * token was checked. The server's own limits do not help: they are system properties for the whole
 * JVM, read once ({@code sun.net.httpserver.maxReqTime} frees a worker after a time, but a client
 * that opens connections again holds the workers again; {@code maxRspTime} would also cut the pages'
 * event streams), and none of them counts connections per client. So here:
 *
 * <ul>
 *   <li>the request head must arrive within {@link Limits#head}, and its body within
 *       {@link Limits#body} after that, or the client is answered 408;
 *   <li>at most {@link Limits#perClient} connections per client address and {@link Limits#total} in all
 *       (more are answered 503 and closed at once);
 *   <li>a head over {@link RequestHead#MAX_HEAD} bytes, a body over {@link RequestHead#MAX_BODY}, or a
 *       body without a length is refused before the server sees it;
 *   <li>the answer is relayed as it comes; a client that stops reading it is dropped after
 *       {@link Limits#stalled}.
 * </ul>
 *
 * The server behind learns who the client is from {@link #clientOf}: a connection the door did not
 * make (another program on this machine, straight to the server's port) has no client and is refused.
 */
final class FrontDoor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);

    /**
     * How long a client may take, and how many connections it may hold.
     *
     * @param head      from connecting to the end of the request's headers
     * @param body      from the end of the headers to the end of its body
     * @param stalled   how long an answer may wait for a client that does not read it
     * @param perClient connections one address may hold at once
     * @param total     connections in all
     */
    record Limits(Duration head, Duration body, Duration stalled, int perClient, int total) {

        /** A household's browsers: a page opens up to 6 connections and one event stream. */
        static final Limits STANDARD =
                new Limits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), 8, 64);

        Limits {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(stalled, "stalled");
            if (perClient < 1 || total < perClient) {
                throw new IllegalArgumentException("need 1 <= perClient <= total, got " + perClient + ", " + total);
            }
        }
    }

    private final ServerSocketChannel listener;
    /** Read once when bound: the address printed for people stays true after the door is closed. */
    private final int port;

    private final InetSocketAddress server;
    private final Limits limits;
    private final Clock clock;
    private final Selector selector;
    private final Thread thread;
    /** The client behind each connection the door made to the server, by the door's end of it. */
    private final Map<InetSocketAddress, InetAddress> clients = new ConcurrentHashMap<>();
    // Confined to the door's thread.
    private final List<Passage> passages = new ArrayList<>();
    /** Connections refused at the door, until their answer is read: at most {@link Limits#total} too. */
    private final List<Passage> turnedAway = new ArrayList<>();

    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private volatile boolean closed;

    private FrontDoor(ServerSocketChannel listener, InetSocketAddress server, Limits limits, Clock clock)
            throws IOException {
        this.listener = listener;
        this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        this.server = server;
        this.limits = limits;
        this.clock = clock;
        this.selector = Selector.open();
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = DaemonThreads.named("dashboard-door").newThread(this::run);
    }

    /**
     * Listens on {@code address} and passes requests on to {@code server}; returns at once.
     *
     * @throws IOException when the address cannot be listened on
     */
    static FrontDoor open(InetSocketAddress address, InetSocketAddress server, Limits limits, Clock clock)
            throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(address, 64);
            FrontDoor door = new FrontDoor(listener, server, limits, clock);
            door.thread.start();
            return door;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** The port it listens on (the system's choice when asked for 0), also once closed. */
    int port() {
        return port;
    }

    /** The client a connection to the server comes from, by the connection's remote end as the server sees it. */
    Optional<InetAddress> clientOf(InetSocketAddress remote) {
        return Optional.ofNullable(clients.get(remote));
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the door's thread ---------------------------------------------------------------------------

    private void run() {
        try {
            while (!closed) {
                long now = clock.millis();
                long next = Long.MAX_VALUE;
                List<Passage> all = new ArrayList<>(passages);
                all.addAll(turnedAway);
                for (Passage p : all) {
                    if (p.expired(now)) {
                        p.timedOut();
                    }
                    if (p.isOpen()) {
                        next = Math.min(next, p.deadline());
                    } else {
                        forget(p);
                    }
                }
                long wait = next == Long.MAX_VALUE ? 0 : Math.max(1, next - now);
                selector.select(wait);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.attachment() instanceof Passage p) {
                        p.ready(key);
                        if (!p.isOpen()) {
                            forget(p);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                log.warn("the dashboard stopped accepting connections: {}", e.getMessage());
            }
        } finally {
            passages.forEach(Passage::close);
            passages.clear();
            turnedAway.forEach(Passage::close);
            turnedAway.clear();
            clients.clear();
            try {
                listener.close();
                selector.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void accept() {
        SocketChannel client;
        try {
            client = listener.accept();
        } catch (IOException e) {
            // Out of file descriptors, say: the connection waits in the backlog for the next look.
            log.debug("dashboard: could not accept a connection: {}", e.getMessage());
            return;
        }
        if (client == null) {
            return;
        }
        try {
            InetAddress from = ((InetSocketAddress) client.getRemoteAddress()).getAddress();
            client.configureBlocking(false);
            int theirs = perClient.getOrDefault(from, 0);
            if (theirs >= limits.perClient() || passages.size() >= limits.total()) {
                String why = theirs >= limits.perClient()
                        ? "too many connections from " + from.getHostAddress() + " (at most " + limits.perClient()
                                + " at once)"
                        : "too many connections (at most " + limits.total() + " at once)";
                if (turnedAway.size() < limits.total()) {
                    turnedAway.add(Passage.turnAway(client, from, this, 503, why));
                } else {
                    client.close(); // a flood: not even an answer
                }
                return;
            }
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            passages.add(new Passage(client, from, this));
            perClient.merge(from, 1, Integer::sum);
        } catch (IOException e) {
            log.debug("dashboard: a connection ended as it came: {}", e.getMessage());
            try {
                client.close();
            } catch (IOException ignored) {
                // gone anyway
            }
        }
    }

    private void forget(Passage p) {
        turnedAway.remove(p);
        if (passages.remove(p)) {
            perClient.computeIfPresent(p.client(), (a, n) -> n > 1 ? n - 1 : null);
            p.serverEnd().ifPresent(clients::remove);
        }
    }

    // ---- for the passages ----------------------------------------------------------------------------

    Limits limits() {
        return limits;
    }

    long now() {
        return clock.millis();
    }

    Selector selector() {
        return selector;
    }

    /** A connection to the server, registered as {@code client}'s before it connects. */
    SocketChannel connectToServer(InetAddress client) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(server.getAddress(), 0));
            clients.put((InetSocketAddress) channel.getLocalAddress(), client);
            channel.connect(server);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** An answer the door gives itself: JSON as the API's errors are, and the connection closes. */
    static byte[] answer(int status, String message) {
        String body = "{\"error\": \"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
