package io.needleguard.json;

import java.util.Objects;

/**
 * One thing wrong in a file the user wrote (a scenario, the configuration).
 *
 * @param path    where it is: a JSON path such as {@code $.sessions[1].depthMm} ({@code $} for the whole
 *                document), or a configuration key path such as {@code pens[1].owner}
 * @param message what is wrong and what is allowed instead
 */
public record InputError(String path, String message) {

    public InputError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
