package io.needleguard.store;

import io.needleguard.history.HistoryException;

/** The history database failed: the message says which file, what went wrong and what to do. */
public class StoreException extends HistoryException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message, String problem, Throwable cause) {
        super(message, problem, cause);
    }
}
