package io.needleguard.config;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.household.Device;
import io.needleguard.household.Owner;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.rules.RuleSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code needleguard.yaml} strictly: an unknown key, a wrong type or a value out of range is an
 * error naming the key path and the fix, never a silent default. All problems are reported at once.
 */
public final class ConfigLoader {

    /** The most characters a configuration file may have. */
    static final int LONGEST = 64 * 1024;

    private final ZoneId systemZone;
    private final String hostname;

    public ConfigLoader(ZoneId systemZone, String hostname) {
        this.systemZone = systemZone;
        this.hostname = hostname;
    }

    public static ConfigLoader forThisMachine() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "gateway";
            }
        }
        return new ConfigLoader(ZoneId.systemDefault(), host);
    }

    /**
     * Reads a configuration of a few lines and throws it away: on a second thread at start, so that the
     * YAML reader, the configuration's classes and this machine's name (a name lookup, kept by the JDK
     * for a while) are ready when the command reads its own file.
     */
    public static void warmUp() {
        try {
            forThisMachine()
                    .parse(
                            "warm-up",
                            "mqtt: {enabled: false}\nowners: [{id: a, zone: UTC}]\npens: [{serial: P, owner: a}]\n");
        } catch (RuntimeException e) {
            // a defect here shows when the command reads its file, with the file's name
        }
    }

    public GatewayConfig load(Path file) {
        String text;
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a directory, not a configuration file; give the file, e.g. "
                    + file.resolve("needleguard.yaml"));
        }
        try {
            text = readAtMost(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ": is not UTF-8 text; save it as UTF-8 (a YAML file is text; "
                    + ConfigExample.path() + " is a commented example)");
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; check the path given to --config " + "("
                    + ConfigExample.path() + " is a commented example to copy)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read it (" + e.getMessage() + "); check its permissions");
        }
        return parse(file.toString(), text);
    }

    /**
     * The file's text, read no further than a configuration can be long (plus one character, for the
     * message that says so): a file of gigabytes, or a device that never ends, is not read whole.
     */
    private static String readAtMost(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(4 * LONGEST + 4);
        }
        if (bytes.length > 4 * LONGEST) {
            return new String(bytes, StandardCharsets.UTF_8); // too long, whatever its characters: parse says so
        }
        return StandardCharsets.UTF_8
                .newDecoder()
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    public GatewayConfig parse(String fileName, String yaml) {
        if (yaml.length() > LONGEST) {
            // The YAML reader takes about a microsecond a character: a file of megabytes is no configuration.
            throw new ConfigException(fileName + ": is longer than a configuration can be (at most " + LONGEST
                    + " characters; the example with every key, src/dist/needleguard.yaml, has 8,000)");
        }
        JsonNode root;
        try {
            root = YamlTree.read(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(fileName + ": not valid YAML" + YamlErrors.describe(e));
        }
        if (root == null || root instanceof MissingNode || root.isNull()) {
            throw new ConfigException(fileName + ": the file is empty; it needs at least a 'ble:' section " + "("
                    + ConfigExample.path() + " is a commented example)");
        }
        ErrorLog errors = new ErrorLog();
        GatewayConfig config = read(root, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(fileName, errors.all());
        }
        return config;
    }

    private GatewayConfig read(JsonNode root, ErrorLog errors) {
        GatewayConfig defaults = GatewayConfig.defaults(hostname);
        Optional<JsonFields> top = JsonFields.of(root, "", errors, "a mapping of keys such as ble: and mqtt:");
        if (top.isEmpty()) {
            return defaults;
        }
        JsonFields fields = top.get();
        fields.allowOnly(
                List.of("data-dir", "ble", "mqtt", "owners", "pens", "devices", "rules", "dashboard", "backup"));

        Optional<Path> dataDir = fields.text("data-dir", OPTIONAL, "a directory path, e.g. /var/lib/needleguard")
                .flatMap(dir -> absolute(dir, fields));
        GatewayConfig.Ble ble = fields.object("ble", OPTIONAL, "a mapping with backend:")
                .map(BleReader::read)
                .orElse(defaults.ble());
        GatewayConfig.Mqtt mqtt = fields.object("mqtt", OPTIONAL, "a mapping with url: and the other MQTT keys")
                .map(f -> MqttReader.read(f, defaults.mqtt()))
                .orElse(defaults.mqtt());
        RuleSettings rules = fields.object(
                        "rules", OPTIONAL, "a mapping of rule thresholds (see " + ConfigExample.path() + ")")
                .map(r -> RulesReader.read(r, RuleSettings.defaults()))
                .orElse(RuleSettings.defaults());
        Map<String, RuleSettings> ownerRules = new LinkedHashMap<>();
        List<Owner> owners = OwnersReader.read(fields, errors, rules, ownerRules, systemZone);
        // Without owners: one person, "me". With owners: exactly those, and a pen without owner: is the first's.
        List<String> ownerIds = owners.isEmpty()
                ? List.of(Owner.DEFAULT_ID)
                : owners.stream().map(Owner::id).toList();
        List<GatewayConfig.Pen> pens = PensReader.read(fields, ownerIds, errors);
        List<Device> devices = DevicesReader.read(fields, ownerIds, errors);
        DashboardSettings dashboard = fields.object(
                        "dashboard", OPTIONAL, "a mapping with enabled:, listen: and token-file:")
                .map(DashboardReader::read)
                .orElse(defaults.dashboard());
        GatewayConfig.Backup backup = fields.object(
                        "backup", OPTIONAL, "a mapping with schedule:, keep: and directory:")
                .map(BackupReader::read)
                .orElse(GatewayConfig.Backup.OFF);
        return new GatewayConfig(dataDir, ble, mqtt, owners, pens, devices, rules, ownerRules, dashboard, backup);
    }

    private static Optional<Path> absolute(String dir, JsonFields fields) {
        Optional<Path> given = FieldChecks.path(fields, "data-dir", dir);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Path path = given.get();
        if (!path.isAbsolute()) {
            fields.reject(
                    "data-dir",
                    JsonFields.quoted(dir) + " is relative; use an absolute path such as /var/lib/needleguard");
            return Optional.empty();
        }
        return Optional.of(path);
    }
}
