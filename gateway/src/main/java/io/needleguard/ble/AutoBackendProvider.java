package io.needleguard.ble;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ble.backend: auto}, the default: TinyB where its native libraries load (Linux on x86_64, x86
 * and 32-bit ARM, with GLib), the D-Bus backend everywhere else BlueZ runs (64-bit ARM: Raspberry Pi
 * OS 64-bit). Which one, and why, is logged when it opens and printed by {@code needleguard doctor}.
 */
public final class AutoBackendProvider implements BleBackendProvider {

    public static final String ID = "auto";
    /** The backends auto chooses from, in order of preference. */
    static final List<String> PREFERENCE = List.of("tinyb", "dbus");

    private static final Logger log = LoggerFactory.getLogger(AutoBackendProvider.class);

    private final Supplier<List<BleBackendProvider>> installed;

    /** For {@link ServiceLoader}: chooses among the installed backends. */
    public AutoBackendProvider() {
        this(() -> ServiceLoader.load(BleBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    AutoBackendProvider(Supplier<List<BleBackendProvider>> installed) {
        this.installed = installed;
    }

    /** The backend auto takes on this machine, and why in words. */
    public record Choice(BleBackendProvider provider, String reason) {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "TinyB where its native libraries load, else the D-Bus backend";
    }

    /** The first backend of {@link #PREFERENCE} that can run here, with the reason for passing over the others. */
    public Choice choose() throws BleException {
        List<BleBackendProvider> all = installed.get();
        StringBuilder passedOver = new StringBuilder();
        for (String id : PREFERENCE) {
            Optional<BleBackendProvider> provider =
                    all.stream().filter(p -> p.id().equals(id)).findFirst();
            if (provider.isEmpty()) {
                continue;
            }
            Optional<String> unavailable = provider.get().unavailableHere();
            if (unavailable.isEmpty()) {
                String reason = passedOver.length() == 0
                        ? preferred(id)
                        : passedOver + "; the D-Bus backend talks to BlueZ in pure Java and runs wherever BlueZ does";
                return new Choice(provider.get(), reason);
            }
            if (passedOver.length() > 0) {
                passedOver.append("; ");
            }
            passedOver.append("not ").append(id).append(": ").append(unavailable.get());
        }
        throw new BleException("no Bluetooth backend can run here ("
                + (passedOver.length() == 0 ? "none of " + PREFERENCE + " is installed" : passedOver)
                + "); use ble.backend: sim to try needleguard without Bluetooth");
    }

    private static String preferred(String id) {
        return id.equals("tinyb")
                ? "TinyB's native libraries load on "
                        + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/"
                        + System.getProperty("os.arch") + " (set ble.backend: dbus to use the D-Bus backend instead)"
                : id + " is the first backend that can run here";
    }

    @Override
    public Optional<String> unavailableHere() {
        try {
            choose();
            return Optional.empty();
        } catch (BleException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public BleBackend open(Clock clock, Map<String, String> options) throws BleException {
        Choice choice = choose();
        log.info(
                "Bluetooth backend: {}, chosen by ble.backend: auto because {}",
                choice.provider().id(),
                choice.reason());
        return choice.provider().open(clock, options);
    }
}
