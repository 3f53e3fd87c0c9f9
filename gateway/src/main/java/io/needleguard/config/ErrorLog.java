package io.needleguard.config;

import java.util.ArrayList;
import java.util.List;

/** The errors found so far while reading one file, in the order they were found. */
public final class ErrorLog {

    private final List<InputError> errors = new ArrayList<>();

    public void add(String path, String message) {
        errors.add(new InputError(path, message));
    }

    /** How many errors so far; a reader compares counts to know whether a part it read was clean. */
    public int count() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<InputError> all() {
        return List.copyOf(errors);
    }
}
