package io.needleguard.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Items read on a thread of their own while the caller goes through them: {@code history} formats the
 * sessions read so far while SQLite reads the next ones. On two cores a ten-year listing takes about a
 * third less time (src/docs/performance.md); on one it only interleaves.
 *
 * <p>Handed over in batches, so that the two threads meet a few dozen times, not once per item. A
 * failure of the reading is thrown to the caller, as it would have been without the thread. Closing it
 * stops the reading: a caller that fails halfway must not leave the reader waiting with the store held.
 *
 * @param <T> what is read
 */
final class ReadAhead<T> implements Iterable<T>, AutoCloseable {

    /** What the reader does: hands each item it reads to the consumer, in order. */
    interface Reader<T> {
        void read(Consumer<T> each);
    }

    private static final int BATCH = 128;

    private final BlockingQueue<Batch<T>> batches = new ArrayBlockingQueue<>(64);
    private volatile boolean closed;
    private boolean iterated;

    private ReadAhead() {}

    /** Starts reading now, on a daemon thread; the items wait for the caller in a bounded queue. */
    static <T> ReadAhead<T> start(String what, Reader<T> reader) {
        ReadAhead<T> ahead = new ReadAhead<>();
        Thread thread = new Thread(ahead.new Reading(reader), "needleguard-read-" + what);
        thread.setDaemon(true);
        thread.start();
        return ahead;
    }

    /** Goes through the items once, as they arrive. */
    @Override
    public Iterator<T> iterator() {
        if (iterated) {
            throw new IllegalStateException("read ahead once, gone through once");
        }
        iterated = true;
        return new Arrivals();
    }

    /** Stops the reading if it has not ended: what it has not handed over yet is dropped. */
    @Override
    public void close() {
        closed = true;
        batches.clear();
    }

    /** Some items, the last batch, or what went wrong. */
    private record Batch<T>(List<T> items, boolean last, RuntimeException failure) {}

    private final class Reading implements Runnable {
        private final Reader<T> reader;

        Reading(Reader<T> reader) {
            this.reader = reader;
        }

        @Override
        public void run() {
            List<T> batch = new ArrayList<>(BATCH);
            try {
                reader.read(item -> {
                    batch.add(item);
                    if (batch.size() == BATCH) {
                        put(new Batch<>(List.copyOf(batch), false, null));
                        batch.clear();
                    }
                });
                put(new Batch<>(List.copyOf(batch), true, null));
            } catch (Closed e) {
                // the caller has gone: nothing more to hand over
            } catch (RuntimeException e) {
                putLast(new Batch<>(List.of(), true, e));
            } catch (Error e) {
                putLast(new Batch<>(List.of(), true, new IllegalStateException("reading failed: " + e, e)));
                throw e;
            }
        }

        /** The failure, for a caller still there. */
        private void putLast(Batch<T> failure) {
            try {
                put(failure);
            } catch (Closed e) {
                // the caller has gone: nobody to tell
            }
        }

        /** Waits for room, in steps, so that a caller that closed is noticed. */
        private void put(Batch<T> batch) {
            try {
                do {
                    if (closed) {
                        throw new Closed();
                    }
                } while (!batches.offer(batch, 100, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Closed();
            }
        }
    }

    /** Ends the reading once the caller has closed: thrown through the reader to unwind it. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super("the caller stopped reading ahead", null, false, false);
        }
    }

    private final class Arrivals implements Iterator<T> {
        private Iterator<T> current = List.<T>of().iterator();
        private boolean ended;

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !ended) {
                Batch<T> batch = take();
                if (batch.failure() != null) {
                    ended = true;
                    throw batch.failure();
                }
                ended = batch.last();
                current = batch.items().iterator();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private Batch<T> take() {
            try {
                return batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for what is read", e);
            }
        }
    }
}
