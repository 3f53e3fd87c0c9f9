package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.needleguard.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live streams of open pages: how many may be open, also when pages connect at the same moment. */
class EventStreamTest {

    private final EventStream events = new EventStream();
    private final ExecutorService pages = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() {
        events.close();
        pages.shutdownNow();
    }

    /** An exchange of the JDK's server, answering into memory; a test may hold its answer or break its body. */
    private static final class Exchange extends HttpExchange {
        private final Headers responseHeaders = new Headers();
        volatile OutputStream body = new ByteArrayOutputStream();
        volatile Runnable answering = () -> {};

        @Override
        public void sendResponseHeaders(int status, long length) {
            answering.run();
        }

        @Override
        public OutputStream getResponseBody() {
            return body;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public Headers getRequestHeaders() {
            return new Headers();
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/api/events");
        }

        @Override
        public String getRequestMethod() {
            return "GET";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {}

        @Override
        public InputStream getRequestBody() {
            return InputStream.nullInputStream();
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public int getResponseCode() {
            return 200;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress("127.0.0.1", 8421);
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {}

        @Override
        public void setStreams(InputStream in, OutputStream out) {}

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }

    private static Exchange exchange() {
        return new Exchange();
    }

    @Test
    void pagesThatConnectAtTheSameMomentDoNotOpenMoreStreamsThanTheLimit() throws Exception {
        for (int i = 0; i < EventStream.MAX_STREAMS - 1; i++) {
            assertTrue(events.open(exchange()));
        }
        // The last place: two pages ask for it together. Each one's answer waits until the other has been
        // answered or refused, so both are past any check of the count before either stream is added.
        int together = 2;
        CountDownLatch bothThere = new CountDownLatch(together);
        List<Future<Boolean>> opened = new ArrayList<>();
        for (int i = 0; i < together; i++) {
            Exchange exchange = exchange();
            exchange.answering = () -> {
                bothThere.countDown();
                try {
                    assertTrue(bothThere.await(10, TimeUnit.SECONDS), "the other page was neither refused nor let in");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            opened.add(pages.submit(() -> {
                try {
                    return events.open(exchange);
                } finally {
                    bothThere.countDown(); // refused without an answer: the other may go on
                }
            }));
        }
        int in = 0;
        for (Future<Boolean> page : opened) {
            in += page.get(20, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, in, "one of the two gets the last place");
        assertEquals(EventStream.MAX_STREAMS, events.openStreams());
        assertFalse(events.open(exchange()), "and nobody after it");
    }

    @Test
    void aPageThatWentAwayGivesItsPlaceBack() throws Exception {
        List<Exchange> open = new ArrayList<>();
        for (int i = 0; i < EventStream.MAX_STREAMS; i++) {
            Exchange exchange = exchange();
            assertTrue(events.open(exchange));
            open.add(exchange);
        }
        assertFalse(events.open(exchange()));
        // The first page closed: its next event cannot be written.
        open.get(0).body = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        events.changed(PenBoard.PENS);
        Await.until(
                () -> events.openStreams() == EventStream.MAX_STREAMS - 1,
                Duration.ofSeconds(5),
                "the broken stream was dropped");
        assertTrue(events.open(exchange()), "its place is free again");
        assertFalse(events.open(exchange()));
    }

    @Test
    void anOpenPageHearsThatTheGatewayIsAliveWhileNothingChanges() throws Exception {
        try (EventStream quiet = new EventStream(Duration.ofMillis(50))) {
            Exchange page = exchange();
            assertTrue(quiet.open(page));
            ByteArrayOutputStream body = (ByteArrayOutputStream) page.body;
            // Two, so that it is a heartbeat and not something said once on opening.
            Await.until(
                    () -> body.toString(java.nio.charset.StandardCharsets.UTF_8).split("event: alive\n", -1).length > 2,
                    Duration.ofSeconds(5),
                    "two alive events the page's script can hear (comments never reach it)",
                    () -> body.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
