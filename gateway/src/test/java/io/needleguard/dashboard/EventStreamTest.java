package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.needleguard.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

    /** An exchange of the JDK's server (a third-party type), answering into memory. */
    private static HttpExchange exchange() throws IOException {
        HttpExchange exchange = mock(HttpExchange.class);
        when(exchange.getResponseHeaders()).thenReturn(new Headers());
        OutputStream body = new ByteArrayOutputStream();
        when(exchange.getResponseBody()).thenReturn(body);
        return exchange;
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
            HttpExchange exchange = exchange();
            doAnswer(answering -> {
                        bothThere.countDown();
                        assertTrue(
                                bothThere.await(10, TimeUnit.SECONDS), "the other page was neither refused nor let in");
                        return null;
                    })
                    .when(exchange)
                    .sendResponseHeaders(anyInt(), anyLong());
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
        List<HttpExchange> open = new ArrayList<>();
        for (int i = 0; i < EventStream.MAX_STREAMS; i++) {
            HttpExchange exchange = exchange();
            assertTrue(events.open(exchange));
            open.add(exchange);
        }
        assertFalse(events.open(exchange()));
        // The first page closed: its next event cannot be written.
        OutputStream gone = mock(OutputStream.class);
        doAnswer(writing -> {
                    throw new IOException("Broken pipe");
                })
                .when(gone)
                .write(any(byte[].class));
        when(open.get(0).getResponseBody()).thenReturn(gone);
        events.changed(PenBoard.PENS);
        assertTrue(
                Await.until(() -> events.openStreams() == EventStream.MAX_STREAMS - 1, Duration.ofSeconds(5)),
                "the broken stream was dropped");
        assertTrue(events.open(exchange()), "its place is free again");
        assertFalse(events.open(exchange()));
    }
}
