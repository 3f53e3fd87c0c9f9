package io.needleguard.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Transactions over in-memory fakes: the outermost unit takes a snapshot of each part, and puts them
 * back if the work fails, as a database's rollback would.
 */
public final class InMemoryTransactions implements Transactions {

    /** A fake whose contents can be saved and put back. */
    public interface Part {
        Object snapshot();

        void restore(Object snapshot);
    }

    private final List<Part> parts = new ArrayList<>();
    private int depth;

    public synchronized InMemoryTransactions with(Part part) {
        parts.add(part);
        return this;
    }

    @Override
    public synchronized <T> T atomically(Supplier<T> work) {
        List<Object> before = depth == 0 ? parts.stream().map(Part::snapshot).toList() : null;
        depth++;
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (before != null) {
                for (int i = 0; i < parts.size(); i++) {
                    parts.get(i).restore(before.get(i));
                }
            }
            throw e;
        } finally {
            depth--;
        }
    }
}
