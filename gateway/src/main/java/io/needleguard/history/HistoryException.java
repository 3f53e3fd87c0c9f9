package io.needleguard.history;

/**
 * The history could not be read or written: a full disk, a file system mounted read-only, a damaged
 * file. Not a bug: the message says what is wrong and what to do, so it is shown without a stack trace;
 * whoever was storing something keeps it (a pen keeps its session) and tries again later.
 */
public class HistoryException extends RuntimeException {

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
