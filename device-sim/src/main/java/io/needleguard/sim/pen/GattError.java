package io.needleguard.sim.pen;

/** An ATT error a simulated pen answers with (as a real pen would with an error response). */
public final class GattError extends Exception {

    public GattError(String message) {
        super(message);
    }
}
