package io.needleguard.cli;

import io.needleguard.config.ConfigException;
import io.needleguard.config.ConfigKeys;
import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.threads.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the configuration file while the gateway runs (issue 22 item 1): when it is saved, it is read
 * with the same loader as at start; its household (owners, pens' owners, devices) is put in force at
 * once, and what waits for a restart is said. An edit the loader refuses changes nothing: its message,
 * which names the key and the fix, is logged once, and the settings in force stay.
 */
final class ConfigFileWatch implements AutoCloseable {

    /** How often the file's modification time and size are looked at: two small system calls. */
    static final Duration POLL = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger("needleguard");

    private final Path file;
    private final ConfigLoader loader;
    private final HouseholdChanges changes;
    private final GatewayConfig started;
    private final Map<String, String> atStart;
    private final ScheduledExecutorService poll = DaemonThreads.scheduler("config-watch");

    // Only the poll's thread touches these after the constructor.
    private Map<String, String> inForce;
    private FileTime seenModified;
    private long seenSize;
    private String lastRefusal = "";

    /** @param started the configuration the gateway started with, read from {@code file} */
    ConfigFileWatch(Path file, ConfigLoader loader, GatewayConfig started, HouseholdChanges changes) {
        this.file = file;
        this.loader = loader;
        this.started = started;
        this.changes = changes;
        this.atStart = ConfigKeys.digests(readQuietly());
        this.inForce = atStart;
        look().ifPresent(a -> {
            seenModified = a.lastModifiedTime();
            seenSize = a.size();
        });
    }

    /** The digest per key of the file the gateway started with (for {@code doctor}, through the data directory). */
    Map<String, String> atStart() {
        return atStart;
    }

    /** Says which keys are read at start only, then looks at the file every {@link #POLL}. */
    void start() {
        log.info(
                "read at start only: {} — restart needleguard after changing them; {} in {} apply while it runs",
                String.join(", ", ConfigKeys.READ_AT_START),
                String.join(", ", ConfigKeys.APPLIED_AT_ONCE),
                file);
        poll.scheduleWithFixedDelay(this::check, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Applies the file if it was saved since the last look. */
    void check() {
        try {
            Optional<BasicFileAttributes> seen = look();
            if (seen.isEmpty()
                    || (seen.get().lastModifiedTime().equals(seenModified)
                            && seen.get().size() == seenSize)) {
                return;
            }
            seenModified = seen.get().lastModifiedTime();
            seenSize = seen.get().size();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            GatewayConfig config = loader.parse(file.toString(), text);
            lastRefusal = "";
            apply(config, ConfigKeys.digests(text));
        } catch (IOException e) {
            refused(file + ": cannot read it (" + e.getMessage() + ")");
        } catch (ConfigException e) {
            refused(e.getMessage());
        } catch (RuntimeException e) {
            // The poll's thread must not die of a surprise: the next save is looked at all the same.
            refused(file + ": " + e);
        }
    }

    private void apply(GatewayConfig config, Map<String, String> now) {
        List<String> applied = ConfigKeys.changed(inForce, now, ConfigKeys.APPLIED_AT_ONCE);
        List<String> restart = new ArrayList<>(ConfigKeys.changed(atStart, now, ConfigKeys.READ_AT_START));
        if (!config.ownerRules().equals(started.ownerRules()) && !restart.contains("rules")) {
            restart.add("owners' own rules");
        }
        if (!serials(config).equals(serials(started))) {
            restart.add("pens added or removed");
        }
        if (!applied.isEmpty()) {
            changes.replaceFile(config.householdFile(Optional.of(file.toString())));
        }
        inForce = now;
        if (applied.isEmpty() && restart.isEmpty()) {
            return; // saved unchanged, or only comments changed
        }
        log.info(
                "the configuration file changed: applied {}; restart needed for: {}",
                applied.isEmpty() ? "nothing" : String.join(", ", applied),
                restart.isEmpty() ? "nothing" : String.join(", ", restart));
    }

    /** Once per different problem: a file left broken is not logged every half second. */
    private void refused(String message) {
        if (!message.equals(lastRefusal)) {
            lastRefusal = message;
            log.warn("the configuration file changed but cannot be used, so the settings in force stay: {}", message);
        }
    }

    private Optional<BasicFileAttributes> look() {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException e) {
            refused(file + ": cannot read it (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private String readQuietly() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Set<String> serials(GatewayConfig config) {
        return config.pens().stream().map(GatewayConfig.Pen::serial).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        poll.shutdownNow();
    }
}
