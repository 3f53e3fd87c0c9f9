package io.needleguard.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors found so far while reading one file, in the order they were found. The first
 * {@link #KEPT} are kept to be shown; the others are counted: a file or a payload with a million
 * unknown fields gets a message of a few lines, not a million.
 */
public final class ErrorLog {

    /** How many errors are kept word for word. */
    static final int KEPT = 20;

    private final List<InputError> errors = new ArrayList<>();
    private int count;

    public void add(String path, String message) {
        count++;
        if (errors.size() < KEPT) {
            errors.add(new InputError(path, message));
        }
    }

    /** How many errors so far; a reader compares counts to know whether a part it read was clean. */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The errors kept, and when there were more, one more that says how many more. */
    public List<InputError> all() {
        if (count <= errors.size()) {
            return List.copyOf(errors);
        }
        List<InputError> all = new ArrayList<>(errors);
        all.add(new InputError(
                errors.get(errors.size() - 1).path(),
                "and " + (count - errors.size()) + " more problems after it; fix these first"));
        return List.copyOf(all);
    }
}
