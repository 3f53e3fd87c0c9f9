package io.needleguard.dashboard;

/** The dashboard cannot be served (its address is taken or not this machine's); the message says which. */
public final class DashboardException extends RuntimeException {

    public DashboardException(String message, Throwable cause) {
        super(message, cause);
    }
}
