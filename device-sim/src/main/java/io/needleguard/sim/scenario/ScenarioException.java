package io.needleguard.sim.scenario;

import io.needleguard.json.InputError;
import io.needleguard.text.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be replayed, with everything found wrong in it. The message has one
 * line per error, {@code file: path: message}, so a user can fix them all in one go.
 */
public final class ScenarioException extends InvalidInputException {

    private final String file;
    private final transient List<InputError> errors;

    public ScenarioException(String file, List<InputError> errors) {
        super(lines(file, errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a scenario exception needs at least one error");
        }
        this.file = file;
        this.errors = List.copyOf(errors);
    }

    /** The file name as given to the reader, e.g. {@code two-close.json}. */
    public String file() {
        return file;
    }

    public List<InputError> errors() {
        return errors;
    }

    private static String lines(String file, List<InputError> errors) {
        return errors.stream().map(error -> file + ": " + error).collect(Collectors.joining("\n"));
    }
}
