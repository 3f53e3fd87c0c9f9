package io.needleguard.dashboard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One client's connection through the {@link FrontDoor}, on the door's thread: its request read whole
 * (head, then body), then passed on to the server, and the server's answer relayed back as it comes.
 * Nothing here blocks: a slow or silent client only uses this small object until its time is up.
 */
final class Passage {

    /** How much of an answer waits for a client that reads slower than the server writes. */
    private static final int RELAY_BUFFER = 64 * 1024;
    /** After refusing a request, how long its unread rest is read and dropped (so the client sees the answer). */
    private static final long LINGER_MS = 2_000;

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private enum Stage {
        /** Reading the request's headers. */
        HEAD,
        /** Reading its body. */
        BODY,
        /** Passing the request to the server and its answer back. */
        RELAY,
        /** Writing an answer of the door's own. */
        ANSWERING,
        /** That answer written: reading what the client still sends, until it closes or time is up. */
        LINGERING,
        CLOSED
    }

    private final SocketChannel client;
    private final InetAddress from;
    private final FrontDoor door;
    private final SelectionKey clientKey;
    /** The request as it arrives; none for a connection turned away at the door. */
    private final byte[] request;

    private int received;
    private RequestHead head;
    private int headEnd;
    private Stage stage = Stage.HEAD;
    private long deadline;

    private SocketChannel server;
    private SelectionKey serverKey;
    private InetSocketAddress serverEnd;
    private ByteBuffer toServer;
    /** What is to be written to the client, filled from position 0 (in "put" mode). */
    private ByteBuffer toClient;

    private boolean serverDone;
    private boolean clientDone;
    private long stalledAt;

    /** A client whose request is read and passed on. */
    Passage(SocketChannel client, InetAddress from, FrontDoor door) throws IOException {
        this(client, from, door, new byte[RequestHead.MAX_HEAD + RequestHead.MAX_BODY]);
        this.deadline = door.now() + door.limits().head().toMillis();
    }

    private Passage(SocketChannel client, InetAddress from, FrontDoor door, byte[] request) throws IOException {
        this.client = client;
        this.from = from;
        this.door = door;
        this.request = request;
        this.clientKey = client.register(door.selector(), SelectionKey.OP_READ, this);
    }

    /**
     * A client turned away before anything of it is read: answered, and what it sent meanwhile is read
     * and dropped until it closes (closing on unread bytes would reset the connection, and the client
     * would never see why).
     */
    static Passage turnAway(SocketChannel client, InetAddress from, FrontDoor door, int status, String message)
            throws IOException {
        Passage passage = new Passage(client, from, door, null);
        passage.refuse(status, message);
        return passage;
    }

    InetAddress client() {
        return from;
    }

    /** The door's end of its connection to the server, once it has one. */
    Optional<InetSocketAddress> serverEnd() {
        return Optional.ofNullable(serverEnd);
    }

    boolean isOpen() {
        return stage != Stage.CLOSED;
    }

    /** When this passage must have moved on; {@link Long#MAX_VALUE} while it waits for nobody. */
    long deadline() {
        return switch (stage) {
            case HEAD, BODY, ANSWERING, LINGERING -> deadline;
            case RELAY -> toClient.position() > 0 ? stalledAt : Long.MAX_VALUE;
            case CLOSED -> Long.MAX_VALUE;
        };
    }

    boolean expired(long now) {
        return deadline() <= now;
    }

    /** Its time is up: a request that did not arrive in time is answered 408, anything else closed. */
    void timedOut() {
        if ((stage == Stage.HEAD || stage == Stage.BODY) && received > 0) {
            Stage late = stage;
            refuse(
                    408,
                    late == Stage.HEAD
                            ? "the request's headers did not arrive within "
                                    + door.limits().head().toSeconds() + " s"
                            : "the request's body did not arrive within "
                                    + door.limits().body().toSeconds() + " s");
        } else {
            close();
        }
    }

    /** Its client or its server is ready for what this passage waits for. */
    void ready(SelectionKey key) {
        try {
            if (key == clientKey) {
                if (key.isValid() && key.isReadable()) {
                    fromClient();
                }
                if (key.isValid() && key.isWritable() && isOpen()) {
                    toClient();
                }
            } else if (key == serverKey) {
                if (key.isValid() && key.isConnectable() && server.finishConnect()) {
                    writeToServer();
                }
                if (key.isValid() && key.isWritable() && isOpen()) {
                    writeToServer();
                }
                if (key.isValid() && key.isReadable() && isOpen()) {
                    fromServer();
                }
            }
            interest();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    // ---- the client's side -------------------------------------------------------------------------

    private void fromClient() throws IOException {
        switch (stage) {
            case HEAD, BODY -> readRequest();
            case RELAY, LINGERING -> {
                // Nothing more is read from a connection that carries one request: dropped. Its end is
                // noticed (a page closed), and so is a reset.
                int n = client.read(ByteBuffer.allocate(4096));
                if (n < 0) {
                    clientDone = true;
                    if (stage == Stage.LINGERING) {
                        close();
                    }
                }
            }
            default -> {
                // nothing to read for
            }
        }
    }

    private void readRequest() throws IOException {
        int n = client.read(ByteBuffer.wrap(request, received, request.length - received));
        if (n < 0) {
            close(); // gone before its request was whole: nobody to answer
            return;
        }
        received += n;
        if (head == null) {
            int end = RequestHead.end(request, Math.min(received, RequestHead.MAX_HEAD));
            if (end < 0) {
                if (received >= RequestHead.MAX_HEAD) {
                    refuse(431, "the request's headers are over " + RequestHead.MAX_HEAD + " bytes");
                }
                return;
            }
            try {
                head = RequestHead.parse(request, end);
            } catch (RequestHead.Refused refused) {
                refuse(refused.status(), refused.getMessage());
                return;
            }
            headEnd = end;
            stage = Stage.BODY;
            deadline = door.now() + door.limits().body().toMillis();
            if (head.expectsContinue() && received - headEnd < head.bodyLength()) {
                client.write(ByteBuffer.wrap(CONTINUE)); // tiny: fits in the socket's buffer
            }
        }
        if (received - headEnd >= head.bodyLength()) {
            pass();
        }
    }

    /** The request is whole: to the server with it. */
    private void pass() throws IOException {
        byte[] forwarded = head.forwarded();
        toServer = ByteBuffer.allocate(forwarded.length + head.bodyLength());
        toServer.put(forwarded).put(request, headEnd, head.bodyLength()).flip();
        toClient = ByteBuffer.allocate(RELAY_BUFFER);
        stage = Stage.RELAY;
        try {
            server = door.connectToServer(from);
        } catch (IOException e) {
            refuse(503, "the dashboard is not answering (" + e.getMessage() + ")");
            return;
        }
        serverEnd = (InetSocketAddress) server.getLocalAddress();
        serverKey = server.register(door.selector(), SelectionKey.OP_CONNECT, this);
    }

    private void toClient() throws IOException {
        toClient.flip();
        int n = client.write(toClient);
        toClient.compact();
        if (n > 0) {
            stalledAt = door.now() + door.limits().stalled().toMillis();
        }
        if (toClient.position() > 0) {
            return;
        }
        if (stage == Stage.ANSWERING) {
            client.shutdownOutput();
            stage = Stage.LINGERING;
            deadline = door.now() + LINGER_MS;
        } else if (stage == Stage.RELAY && serverDone) {
            close();
        }
    }

    /** Answers the client itself (nothing reaches the server) and closes once it is written. */
    private void refuse(int status, String message) {
        byte[] answer = FrontDoor.answer(status, message);
        toClient = ByteBuffer.allocate(answer.length).put(answer);
        stage = Stage.ANSWERING;
        deadline = door.now() + door.limits().stalled().toMillis();
        try {
            toClient();
            interest();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    // ---- the server's side -------------------------------------------------------------------------

    private void writeToServer() throws IOException {
        if (toServer.hasRemaining()) {
            server.write(toServer);
        }
    }

    private void fromServer() throws IOException {
        boolean wasEmpty = toClient.position() == 0;
        int n = server.read(toClient);
        if (n < 0) {
            serverDone = true;
        } else if (n > 0 && wasEmpty) {
            stalledAt = door.now() + door.limits().stalled().toMillis();
        }
        toClient(); // most answers go straight through
    }

    private void interest() {
        if (!isOpen()) {
            return;
        }
        int forClient = switch (stage) {
            case HEAD, BODY, LINGERING -> SelectionKey.OP_READ;
            case RELAY ->
                (clientDone ? 0 : SelectionKey.OP_READ) | (toClient.position() > 0 ? SelectionKey.OP_WRITE : 0);
            case ANSWERING -> SelectionKey.OP_WRITE;
            case CLOSED -> 0;
        };
        clientKey.interestOps(forClient);
        if (serverKey != null && serverKey.isValid()) {
            int forServer;
            if (server.isConnectionPending()) {
                forServer = SelectionKey.OP_CONNECT;
            } else {
                forServer = (toServer.hasRemaining() ? SelectionKey.OP_WRITE : 0)
                        | (!serverDone && toClient.hasRemaining() ? SelectionKey.OP_READ : 0);
            }
            serverKey.interestOps(forServer);
        }
    }

    void close() {
        stage = Stage.CLOSED;
        closeQuietly(client);
        if (server != null) {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
