package io.needleguard.store;

/**
 * A file or directory given to a backup or a restore cannot be used as it is (it exists already, it is
 * damaged, from a newer needleguard, a gateway runs on the directory...): the message names it and the
 * fix. Nothing was changed. The command line answers it with exit code 2.
 */
public final class RefusedFile extends StoreException {

    RefusedFile(String message) {
        super(message);
    }

    RefusedFile(String message, Throwable cause) {
        super(message, cause);
    }
}
