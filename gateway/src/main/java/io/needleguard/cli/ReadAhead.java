package io.needleguard.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Items read on a thread of their own while the caller goes through them: {@code history} formats the
 * sessions read so far while SQLite reads the next ones. On two cores a ten-year listing takes about a
 * third less time (src/docs/performance.md); on one it only interleaves.
 *
 * <p>Handed over in batches, so that the two threads meet a few dozen times, not once per item. A
 * failure of the reading is thrown to the caller, as it would have been without the thread.
 *
 * @param <T> what is read
 */
final class ReadAhead<T> implements Iterable<T> {

    /** What the reader does: hands each item it reads to the consumer, in order. */
    interface Reader<T> {
        void read(Consumer<T> each);
    }

    private static final int BATCH = 128;

    private final BlockingQueue<Batch<T>> batches = new ArrayBlockingQueue<>(64);
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
            } catch (RuntimeException e) {
                put(new Batch<>(List.of(), true, e));
            } catch (Error e) {
                put(new Batch<>(List.of(), true, new IllegalStateException("reading failed: " + e, e)));
                throw e;
            }
        }

        private void put(Batch<T> batch) {
            try {
                batches.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing over what was read", e);
            }
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
