package io.needleguard.config;

import io.needleguard.json.InputError;
import io.needleguard.text.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration file needleguard cannot use: one line per problem, {@code file: key.path: what to do}. */
public final class ConfigException extends InvalidInputException {

    private final transient List<InputError> errors;

    public ConfigException(String file, List<InputError> errors) {
        super(errors.stream().map(e -> file + ": " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public ConfigException(String message) {
        super(message);
        this.errors = List.of();
    }

    public List<InputError> errors() {
        return errors;
    }
}
