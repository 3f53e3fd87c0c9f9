package io.needleguard.ble.tinyb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps TinyB's characteristic and device objects reachable for the life of the process.
 *
 * <p>Why: each such object connects a GLib signal handler that runs on TinyB's own thread whenever its
 * D-Bus object changes (a notification, a read). When Java finalizes the object, TinyB deletes it from
 * the finalizer thread while that handler may be running, and a characteristic's handler copies its
 * callback without a lock: the JVM crashes with a corrupted heap (seen in our tests within minutes).
 * Objects that are never finalized cannot race. The cost is a few kilobytes per pen connection, a few
 * megabytes a year for a pen connected a few times a day; the count is logged as it grows.
 */
final class TinybKeeper {

    private static final Logger log = LoggerFactory.getLogger(TinybKeeper.class);
    private static final int REPORT_EVERY = 10_000;

    private static final List<Object> kept = new ArrayList<>();

    private TinybKeeper() {}

    static synchronized void keep(Collection<?> objects) {
        int before = kept.size();
        kept.addAll(objects);
        if (kept.size() / REPORT_EVERY > before / REPORT_EVERY) {
            log.info(
                    "keeping {} TinyB objects alive (TinyB cannot free them safely); a restart of needleguard frees them",
                    kept.size());
        }
    }
}
