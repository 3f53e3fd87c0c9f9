package io.needleguard.history;

/**
 * The history could not be read or written: a full disk, a file system mounted read-only, a damaged
 * file. Not a bug: the message says what is wrong and what to do, so it is shown without a stack trace;
 * whoever was storing something keeps it (a pen keeps its session) and tries again later.
 */
public class HistoryException extends RuntimeException {

    private final String problem;

    public HistoryException(String message) {
        this(message, message, null);
    }

    public HistoryException(String message, Throwable cause) {
        this(message, message, cause);
    }

    /**
     * @param problem what is wrong, the same whatever was being stored ({@code disk full: /var/lib/needleguard}):
     *                how a problem met again is told from a new one
     */
    public HistoryException(String message, String problem, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** What is wrong, without what was being stored when it was met. */
    public String problem() {
        return problem;
    }
}
