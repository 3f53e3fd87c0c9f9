package io.needleguard.ble.dbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who listens to what BlueZ says of our links: a characteristic's new values (notifications), a
 * device's link dropping, BlueZ leaving the bus. Told on dbus-java's one signal thread, in order; a
 * listener that fails is logged and does not stop the others.
 */
final class BluezWatchers {

    private static final Logger log = LoggerFactory.getLogger(BluezWatchers.class);

    private final Map<String, Consumer<byte[]>> values = new ConcurrentHashMap<>();
    private final Map<String, Runnable> links = new ConcurrentHashMap<>();
    private final List<Runnable> goneListeners = new CopyOnWriteArrayList<>();

    /** {@code onValue} hears every new Value of the characteristic at {@code path} (notifications). */
    void watchValue(String path, Consumer<byte[]> onValue) {
        values.put(path, onValue);
    }

    /** {@code onLost} runs when the device at {@code path} disconnects or vanishes, or BlueZ leaves the bus. */
    void watchLink(String path, Runnable onLost) {
        links.put(path, onLost);
    }

    /** Stops watching the device and its characteristics. */
    void unwatch(String devicePath) {
        links.remove(devicePath);
        values.keySet().removeIf(p -> p.startsWith(devicePath + "/"));
    }

    /** {@code onGone} runs when BlueZ leaves the bus. */
    void onBluezGone(Runnable onGone) {
        goneListeners.add(onGone);
    }

    /** The characteristic at {@code path} has a new value: its watcher gets a copy. */
    void valueChanged(String path, byte[] value) {
        Consumer<byte[]> onValue = values.get(path);
        if (onValue != null) {
            try {
                onValue.accept(value.clone());
            } catch (RuntimeException e) {
                log.warn("a notification handler of {} failed: {}", path, e.toString());
            }
        }
    }

    /** The device at {@code path} disconnected or vanished: its watcher hears it, once. */
    void linkLost(String path) {
        Runnable lost = links.remove(path);
        if (lost != null) {
            quietly(lost);
        }
    }

    /** BlueZ left the bus: every link is lost, and the backend hears it. */
    void bluezGone() {
        List<Runnable> lost = new ArrayList<>(links.values());
        links.clear();
        lost.forEach(BluezWatchers::quietly);
        goneListeners.forEach(BluezWatchers::quietly);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("a Bluetooth listener failed: {}", e.toString());
        }
    }
}
