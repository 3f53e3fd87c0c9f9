package io.needleguard.dashboard;

import java.util.Optional;

/** A request the API cannot answer: its HTTP status and a message that says what to change. */
final class ApiException extends RuntimeException {

    private final int status;
    private final Optional<String> field;

    ApiException(int status, String message) {
        this(status, message, null);
    }

    /** @param field the form's field the message is about (the page marks it), or null */
    ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = Optional.ofNullable(field);
    }

    Optional<String> field() {
        return field;
    }

    int status() {
        return status;
    }
}
