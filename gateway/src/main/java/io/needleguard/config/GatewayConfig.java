package io.needleguard.config;

import io.needleguard.backup.BackupPlan;
import io.needleguard.backup.Frequency;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.Owner;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.rules.RuleBook;
import io.needleguard.rules.RuleSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gateway's configuration, as read from {@code needleguard.yaml} (see src/dist/needleguard.yaml).
 *
 * @param dataDir    where the history lives; empty for the per-user default
 * @param pens       the pens listed here, with their owners (and addresses, if given); the gateway
 *                   also records pens paired with {@code needleguard pair}
 * @param devices    devices without Bluetooth (rollers, other pens) whose sessions are logged by hand
 * @param rules      the household's rule thresholds
 * @param ownerRules thresholds of owners who have their own
 * @param dashboard  the local web dashboard: on or off, where it listens, its token
 * @param backup     the running gateway's automatic backups
 */
public record GatewayConfig(
        Optional<Path> dataDir,
        Ble ble,
        Mqtt mqtt,
        List<Owner> owners,
        List<Pen> pens,
        List<Device> devices,
        RuleSettings rules,
        Map<String, RuleSettings> ownerRules,
        DashboardSettings dashboard,
        Backup backup) {

    /**
     * {@code backup:}: how often the running gateway backs the history up, how many backups it keeps,
     * and where (empty: the data directory's {@code backups/}).
     */
    public record Backup(Frequency schedule, int keep, Optional<Path> directory) {
        public static final Backup OFF = new Backup(Frequency.OFF, BackupPlan.DEFAULT_KEEP, Optional.empty());

        /** The plan for the history in {@code dataDir}. */
        public BackupPlan plan(Path dataDir) {
            return new BackupPlan(schedule, keep, directory.orElse(dataDir.resolve(BackupPlan.DEFAULT_DIRECTORY)));
        }
    }

    /** How to reach pens: a backend provider's id and its own options. */
    public record Ble(String backend, Map<String, String> options) {
        public static final String DEFAULT_BACKEND = "auto";

        public Ble {
            options = Map.copyOf(options);
        }
    }

    /** Whether to publish, and the broker, login, TLS and discovery settings. */
    public record Mqtt(boolean enabled, MqttSettings settings) {
        public static final String DEFAULT_URL = "tcp://localhost:1883";

        public String url() {
            return settings.url();
        }

        public String root() {
            return settings.root();
        }
    }

    /** A pen of this household, and whose skin it is used on. */
    public record Pen(String serial, String owner, Optional<String> address) {}

    public GatewayConfig {
        owners = List.copyOf(owners);
        pens = List.copyOf(pens);
        devices = List.copyOf(devices);
        ownerRules = Map.copyOf(ownerRules);
    }

    /** The configuration without a file: the default backend, a local broker, one owner in the system zone. */
    public static GatewayConfig defaults(String hostname) {
        return new GatewayConfig(
                Optional.empty(),
                new Ble(Ble.DEFAULT_BACKEND, Map.of()),
                new Mqtt(true, MqttSettings.of(Mqtt.DEFAULT_URL, defaultClientId(hostname), MqttSettings.DEFAULT_ROOT)),
                List.of(),
                List.of(),
                List.of(),
                RuleSettings.defaults(),
                Map.of(),
                DashboardSettings.defaults(),
                Backup.OFF);
    }

    /** {@code needleguard-<host>}, cut to the 23 characters MQTT 3.1.1 guarantees a broker accepts. */
    static String defaultClientId(String hostname) {
        String host = hostname.replaceAll("[^A-Za-z0-9_-]", "-");
        String id = "needleguard-" + host;
        return id.length() <= 23 ? id : id.substring(0, 23);
    }

    public Household household(ZoneId defaultZone) {
        return new Household(
                owners, pens.stream().collect(Collectors.toMap(Pen::serial, Pen::owner)), devices, defaultZone);
    }

    /**
     * What this configuration says about the household, for {@link io.needleguard.household.HouseholdChanges}
     * to merge with what the history database holds.
     *
     * @param file the configuration file as people should be told of it; empty without one
     */
    public HouseholdFile householdFile(Optional<String> file) {
        return new HouseholdFile(
                file, owners, pens.stream().collect(Collectors.toMap(Pen::serial, Pen::owner)), devices);
    }

    /** The thresholds in force: the household's and each owner's own. */
    public RuleBook ruleBook() {
        return new RuleBook(rules, ownerRules);
    }

    /**
     * Whether the configuration lists this pen. The gateway also records pens paired with
     * {@code needleguard pair}: {@link io.needleguard.pairing.Allowlist} decides who connects.
     */
    public boolean allows(String serial) {
        return pens.stream().anyMatch(p -> p.serial().equals(serial));
    }
}
