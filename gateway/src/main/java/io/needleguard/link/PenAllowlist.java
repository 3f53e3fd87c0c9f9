package io.needleguard.link;

import java.util.function.Predicate;

/** Which devices the gateway connects to: the pens paired with it, each from its own address. */
public interface PenAllowlist {

    enum Verdict {
        ALLOWED,
        /** No pen of this gateway has that serial: someone else's pen, nearby. */
        NOT_PAIRED,
        /** A paired pen's serial, claimed from another address: refused, and reported. */
        WRONG_ADDRESS
    }

    Verdict check(String serial, String address);

    /** The pen proved its serial from this address (the link read it); an entry without an address keeps it. */
    default void confirmed(String serial, String address) {}

    /** A device was refused for claiming a paired serial from another address. */
    default void refused(String serial, String address) {}

    /** Allows serials, from any address: for simulations where every device is who it says. */
    static PenAllowlist serials(Predicate<String> allowed) {
        return (serial, address) -> allowed.test(serial) ? Verdict.ALLOWED : Verdict.NOT_PAIRED;
    }
}
