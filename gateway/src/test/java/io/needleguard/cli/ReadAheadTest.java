package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What is read ahead arrives whole and in order, and a failed read fails the listing as it did without the thread. */
class ReadAheadTest {

    @Test
    void everyItemArrivesInOrderWhateverTheBatches() {
        for (int size : new int[] {0, 1, 127, 128, 129, 10_000}) {
            List<Integer> read = IntStream.range(0, size).boxed().toList();
            List<Integer> arrived = new ArrayList<>();
            ReadAhead.<Integer>start("test", each -> read.forEach(each)).forEach(arrived::add);
            assertEquals(read, arrived, "reading " + size);
        }
    }

    @Test
    void aFailedReadIsThrownToTheCallerAfterWhatWasReadBeforeIt() {
        IllegalStateException failure = new IllegalStateException("history database is damaged");
        Iterator<Integer> arrivals = ReadAhead.<Integer>start("test", each -> {
                    for (int i = 0; i < 200; i++) {
                        each.accept(i);
                    }
                    throw failure;
                })
                .iterator();
        List<Integer> arrived = new ArrayList<>();
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> arrivals.forEachRemaining(arrived::add));
        assertSame(failure, thrown);
        assertEquals(IntStream.range(0, 128).boxed().toList(), arrived, "the full batch before the failure");
    }

    @Test
    void itIsGoneThroughOnce() {
        ReadAhead<Integer> ahead = ReadAhead.start("test", each -> each.accept(1));
        assertTrue(ahead.iterator().hasNext(), "the first time, the items");
        assertThrows(IllegalStateException.class, ahead::iterator);
    }

    @Test
    void aCallerThatStopsHalfwayStopsTheReaderToo() throws Exception {
        java.util.concurrent.CountDownLatch readerEnded = new java.util.concurrent.CountDownLatch(1);
        ReadAhead<Integer> ahead = ReadAhead.start("test", each -> {
            try {
                for (int i = 0; ; i++) {
                    each.accept(i); // would fill the queue and wait for ever without close()
                }
            } finally {
                readerEnded.countDown();
            }
        });
        Iterator<Integer> arrivals = ahead.iterator();
        assertEquals(0, arrivals.next());
        ahead.close();
        assertTrue(readerEnded.await(10, java.util.concurrent.TimeUnit.SECONDS), "the reader still waits");
    }
}
