package io.needleguard.config;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.needleguard.backup.BackupPlan;
import io.needleguard.backup.Frequency;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.household.Device;
import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.PasswordSource;
import io.needleguard.rules.RuleSettings;
import io.needleguard.session.Depth;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code needleguard.yaml} strictly: an unknown key, a wrong type or a value out of range is an
 * error naming the key path and the fix, never a silent default. All problems are reported at once.
 */
public final class ConfigLoader {

    /** The most characters a configuration file may have. */
    static final int LONGEST = 64 * 1024;

    private static final Pattern OWNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern SERIAL = Pattern.compile("[\\x21-\\x7e]{1,16}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,23}");
    private static final Pattern BACKEND = Pattern.compile("[a-z0-9-]+");
    private static final Pattern ADDRESS = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
    private static final Pattern LISTEN = Pattern.compile("(localhost|[0-9.]+|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

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
                .flatMap(dir -> absolute(dir, fields, errors));
        GatewayConfig.Ble ble = fields.object("ble", OPTIONAL, "a mapping with backend:")
                .map(ConfigLoader::ble)
                .orElse(defaults.ble());
        GatewayConfig.Mqtt mqtt = fields.object("mqtt", OPTIONAL, "a mapping with url: and the other MQTT keys")
                .map(f -> mqtt(f, defaults.mqtt()))
                .orElse(defaults.mqtt());
        RuleSettings rules = fields.object(
                        "rules", OPTIONAL, "a mapping of rule thresholds (see " + ConfigExample.path() + ")")
                .map(r -> RulesReader.read(r, RuleSettings.defaults()))
                .orElse(RuleSettings.defaults());
        Map<String, RuleSettings> ownerRules = new LinkedHashMap<>();
        List<Owner> owners = owners(fields, errors, rules, ownerRules);
        // Without owners: one person, "me". With owners: exactly those, and a pen without owner: is the first's.
        List<String> ownerIds = owners.isEmpty()
                ? List.of(Owner.DEFAULT_ID)
                : owners.stream().map(Owner::id).toList();
        List<GatewayConfig.Pen> pens = pens(fields, ownerIds, errors);
        List<Device> devices = devices(fields, ownerIds, errors);
        DashboardSettings dashboard = fields.object(
                        "dashboard", OPTIONAL, "a mapping with enabled:, listen: and token-file:")
                .map(ConfigLoader::dashboard)
                .orElse(defaults.dashboard());
        GatewayConfig.Backup backup = fields.object(
                        "backup", OPTIONAL, "a mapping with schedule:, keep: and directory:")
                .map(ConfigLoader::backup)
                .orElse(GatewayConfig.Backup.OFF);
        return new GatewayConfig(dataDir, ble, mqtt, owners, pens, devices, rules, ownerRules, dashboard, backup);
    }

    private static GatewayConfig.Backup backup(JsonFields f) {
        f.allowOnly(List.of("schedule", "keep", "directory"));
        Frequency schedule = f.text("schedule", OPTIONAL, "how often: " + Frequency.allIds())
                .flatMap(v -> {
                    Optional<Frequency> known = Frequency.fromId(v);
                    if (known.isEmpty()) {
                        f.reject(
                                "schedule",
                                JsonFields.quoted(v) + " is not a schedule"
                                        + Spelling.suggestion(
                                                v, List.of(Frequency.allIds().split(", ")))
                                        + "; use one of: " + Frequency.allIds());
                    }
                    return known;
                })
                .orElse(Frequency.OFF);
        int keep = f.integer("keep", OPTIONAL, "how many backups to keep, from 1 to 1000, e.g. 14")
                .filter(k -> valid(f, "keep", String.valueOf(k), k >= 1 && k <= 1000, "1 to 1000 backups, e.g. 14"))
                .map(Long::intValue)
                .orElse(BackupPlan.DEFAULT_KEEP);
        Optional<Path> directory = f.text(
                        "directory", OPTIONAL, "an absolute directory path, e.g. /media/usb/needleguard-backups")
                .flatMap(d -> {
                    Path path = Path.of(d.startsWith("~/") ? System.getProperty("user.home") + d.substring(1) : d);
                    return valid(
                                    f,
                                    "directory",
                                    d,
                                    path.isAbsolute(),
                                    "an absolute path such as /media/usb/needleguard-backups")
                            ? Optional.of(path)
                            : Optional.empty();
                });
        return new GatewayConfig.Backup(schedule, keep, directory);
    }

    private static DashboardSettings dashboard(JsonFields f) {
        f.allowOnly(List.of("enabled", "listen", "token-file"));
        DashboardSettings defaults = DashboardSettings.defaults();
        boolean enabled = f.bool("enabled", OPTIONAL, "true or false").orElse(true);
        InetSocketAddress listen = f.text(
                        "listen", OPTIONAL, "an address and port such as " + DashboardSettings.DEFAULT_LISTEN)
                .flatMap(l -> listen(f, l))
                .orElse(defaults.socketAddress());
        Optional<Path> tokenFile = f.text(
                        "token-file", OPTIONAL, "the path of a file whose first line is the dashboard's access token")
                .flatMap(v -> existingFile(f, "token-file", v));
        boolean lan = !listen.getAddress().isLoopbackAddress();
        if (enabled && lan && tokenFile.isEmpty()) {
            if (!f.has("token-file")) {
                f.reject(
                        "token-file",
                        "is missing: the dashboard listens on "
                                + DashboardSettings.hostPort(listen.getAddress(), listen.getPort())
                                + ", which other machines can reach, so it needs a token; write one to a file only "
                                + "needleguard can read (e.g. 'openssl rand -hex 24 > /etc/needleguard/dashboard-token')"
                                + " and give its path here, or listen on " + DashboardSettings.DEFAULT_LISTEN
                                + " (this machine only)");
            }
            return defaults.disabled(); // the configuration is refused; this value is never used
        }
        return new DashboardSettings(enabled, listen.getAddress(), listen.getPort(), tokenFile);
    }

    /** {@code 127.0.0.1:8421}, {@code 0.0.0.0:8421}, {@code [::1]:8421}, {@code localhost:8421}: no name lookups. */
    private static Optional<InetSocketAddress> listen(JsonFields f, String listen) {
        String fix = "; use an IP address and a port such as " + DashboardSettings.DEFAULT_LISTEN
                + " (this machine only), 0.0.0.0:8421 (every network interface) or this machine's LAN address";
        Matcher m = LISTEN.matcher(listen);
        if (!m.matches()) {
            f.reject("listen", JsonFields.quoted(listen) + " is not an address and port" + fix);
            return Optional.empty();
        }
        String host = m.group(1);
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            f.reject(
                    "listen",
                    JsonFields.quoted(listen) + ": " + port + " is not a port; use 1 to 65535 (or 0 for any free one)");
            return Optional.empty();
        }
        try {
            if (host.equals("localhost")) {
                return Optional.of(
                        new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), port));
            }
            if (host.startsWith("[") || IPV4.matcher(host).matches()) {
                // An address literal: InetAddress parses it without asking any name server.
                String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                return Optional.of(new InetSocketAddress(InetAddress.getByName(literal), port));
            }
        } catch (UnknownHostException e) {
            // not an address literal after all: reported below
        }
        f.reject("listen", JsonFields.quoted(listen) + ": " + Quote.brief(host) + " is not an IP address" + fix);
        return Optional.empty();
    }

    private static Optional<Path> absolute(String dir, JsonFields fields, ErrorLog errors) {
        Optional<Path> given = path(fields, "data-dir", dir);
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

    private static GatewayConfig.Ble ble(JsonFields f) {
        f.allowOnly(List.of("backend", "options"));
        String backend = f.text("backend", OPTIONAL, "the id of a Bluetooth backend: auto, tinyb, dbus or sim")
                .filter(b -> valid(
                        f,
                        "backend",
                        b,
                        BACKEND.matcher(b).matches(),
                        "lower-case letters, digits and '-', e.g. auto, tinyb, dbus or sim"))
                .orElse(GatewayConfig.Ble.DEFAULT_BACKEND);
        Map<String, String> options = new LinkedHashMap<>();
        f.object("options", OPTIONAL, "a mapping of option names to values").ifPresent(o -> {
            for (String name : o.names()) {
                JsonNode value = o.raw(name);
                if (value.isValueNode() && !value.isNull()) {
                    options.put(name, value.asText());
                } else {
                    o.reject(
                            name,
                            "an option is a single value (text, number or true/false), not a list, mapping or null");
                }
            }
        });
        return new GatewayConfig.Ble(backend, options);
    }

    private static GatewayConfig.Mqtt mqtt(JsonFields f, GatewayConfig.Mqtt defaults) {
        f.allowOnly(List.of(
                "enabled",
                "url",
                "client-id",
                "root",
                "username",
                "password-file",
                "password-env",
                "tls",
                "discovery",
                "version"));
        MqttSettings base = defaults.settings();
        boolean enabled = f.bool("enabled", OPTIONAL, "true or false").orElse(defaults.enabled());
        String url = f.text("url", OPTIONAL, "a broker URL such as tcp://localhost:1883")
                .filter(u -> validUrl(f, u))
                .orElse(base.url());
        String clientId = f.text("client-id", OPTIONAL, "an MQTT client id")
                .filter(id -> valid(
                        f,
                        "client-id",
                        id,
                        CLIENT_ID.matcher(id).matches(),
                        "1 to 23 letters, digits, '-' or '_' (the most every MQTT 3.1.1 broker accepts)"))
                .orElse(base.clientId());
        String root = f.text("root", OPTIONAL, "a topic root such as needleguard")
                .filter(
                        r -> valid(
                                f,
                                "root",
                                r,
                                validRoot(r),
                                "topic levels without '+', '#', empty levels or a leading or trailing '/', e.g. needleguard or home/needleguard"))
                .orElse(MqttSettings.DEFAULT_ROOT);
        Optional<String> username = f.text("username", OPTIONAL, "the broker user name");
        Optional<String> passwordFile = f.text("password-file", OPTIONAL, "the path of a file holding the password");
        Optional<String> passwordEnv = f.text(
                        "password-env", OPTIONAL, "the name of an environment variable holding the password")
                .filter(v -> valid(
                        f,
                        "password-env",
                        v,
                        v.matches("[A-Za-z_][A-Za-z0-9_]*"),
                        "a variable name such as MQTT_PASSWORD"));
        PasswordSource password = PasswordSource.NONE;
        if (passwordFile.isPresent() && passwordEnv.isPresent()) {
            f.reject("password-env", "give the password in one place: password-file or password-env, not both");
        } else if (passwordFile.isPresent()) {
            // Refused when it is not a file; the configuration is then not used, so any path does meanwhile.
            password = new PasswordSource.FromFile(
                    existingFile(f, "password-file", passwordFile.get()).orElse(Path.of("")));
        } else if (passwordEnv.isPresent()) {
            password = new PasswordSource.FromEnvironment(passwordEnv.get());
        }
        if (password != PasswordSource.NONE && username.isEmpty()) {
            f.reject("username", "is missing: a password needs the user name it belongs to");
        }
        MqttSettings.Tls tls = f.object("tls", OPTIONAL, "a mapping with ca-file:, client-cert-file:, client-key-file:")
                .map(t -> tls(t, url))
                .orElse(MqttSettings.Tls.SYSTEM);
        MqttSettings.Discovery discovery = f.object("discovery", OPTIONAL, "a mapping with enabled: and prefix:")
                .map(d -> {
                    d.allowOnly(List.of("enabled", "prefix"));
                    boolean on = d.bool("enabled", OPTIONAL, "true or false").orElse(true);
                    String prefix = d.text("prefix", OPTIONAL, "a topic prefix such as homeassistant")
                            .filter(p -> valid(
                                    d,
                                    "prefix",
                                    p,
                                    validRoot(p),
                                    "a topic prefix without '+', '#' or empty levels, e.g. homeassistant"))
                            .orElse(MqttSettings.Discovery.DEFAULT_PREFIX);
                    return new MqttSettings.Discovery(on, prefix);
                })
                .orElse(MqttSettings.Discovery.ON);
        String version = f.text("version", OPTIONAL, "3.1.1 or 3.1")
                .filter(v -> valid(f, "version", v, v.equals("3.1.1") || v.equals("3.1"), "3.1.1 (the default) or 3.1"))
                .orElse(MqttSettings.DEFAULT_VERSION);
        return new GatewayConfig.Mqtt(
                enabled, new MqttSettings(url, clientId, root, username, password, tls, discovery, version));
    }

    private static MqttSettings.Tls tls(JsonFields t, String url) {
        t.allowOnly(List.of("ca-file", "client-cert-file", "client-key-file"));
        Optional<Path> ca = t.text("ca-file", OPTIONAL, "the path of the CA certificate (PEM) that signed the broker's")
                .flatMap(v -> existingFile(t, "ca-file", v));
        Optional<Path> cert = t.text(
                        "client-cert-file", OPTIONAL, "the path of this gateway's client certificate (PEM)")
                .flatMap(v -> existingFile(t, "client-cert-file", v));
        Optional<Path> key = t.text(
                        "client-key-file", OPTIONAL, "the path of the client certificate's private key (PKCS#8 PEM)")
                .flatMap(v -> existingFile(t, "client-key-file", v));
        if (cert.isPresent() != key.isPresent()) {
            t.reject(
                    cert.isPresent() ? "client-key-file" : "client-cert-file",
                    "is missing: a client certificate and its private key go together");
        }
        if (!url.startsWith("ssl://")) {
            t.reject("ca-file", "TLS settings need an ssl:// broker url (mqtt.url is " + Quote.brief(url) + ")");
        }
        return new MqttSettings.Tls(ca, cert, key);
    }

    /** A path as written, {@code ~/} for the home directory; empty (and an error) when it cannot be one. */
    private static Optional<Path> path(JsonFields fields, String key, String value) {
        try {
            return Optional.of(
                    Path.of(value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value));
        } catch (InvalidPathException e) {
            fields.reject(key, JsonFields.quoted(value) + " is not a path (" + Quote.brief(e.getReason()) + ")");
            return Optional.empty();
        }
    }

    private static Optional<Path> existingFile(JsonFields fields, String key, String value) {
        Optional<Path> given = path(fields, key, value);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Path path = given.get();
        if (!Files.isRegularFile(path)) {
            fields.reject(
                    key, JsonFields.quoted(value) + " is not a file; give the path of an existing, readable file");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private static boolean validUrl(JsonFields f, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
                f.reject(
                        "url",
                        JsonFields.quoted(url) + " has scheme '" + scheme
                                + "'; use tcp://host:port, or ssl://host:port for TLS");
                return false;
            }
            if (uri.getHost() == null || uri.getPort() < 1) {
                f.reject("url", JsonFields.quoted(url) + " needs a host and a port, e.g. tcp://localhost:1883");
                return false;
            }
            return true;
        } catch (URISyntaxException e) {
            f.reject(
                    "url",
                    JsonFields.quoted(url) + " is not a URL (" + e.getReason() + "); use e.g. tcp://localhost:1883");
            return false;
        }
    }

    private static boolean validRoot(String root) {
        return !root.isEmpty()
                && !root.startsWith("/")
                && !root.endsWith("/")
                && !root.contains("//")
                && !root.contains("+")
                && !root.contains("#")
                && root.chars().noneMatch(c -> c == 0);
    }

    private List<Owner> owners(
            JsonFields top, ErrorLog errors, RuleSettings householdRules, Map<String, RuleSettings> ownerRules) {
        List<Owner> owners = new ArrayList<>();
        Optional<ArrayNode> list = top.array("owners", OPTIONAL, "a list of owners, each with id: and zone:");
        if (list.isEmpty()) {
            return owners;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.get().size(); i++) {
            String path = "owners[" + i + "]";
            JsonFields.of(list.get().get(i), path, errors, "a mapping with id: and zone:")
                    .ifPresent(o -> {
                        o.allowOnly(List.of("id", "zone", "skin-type", "rules"));
                        Optional<String> id = o.text("id", REQUIRED, "a short name such as me or alex")
                                .filter(v -> valid(
                                        o,
                                        "id",
                                        v,
                                        OWNER_ID.matcher(v).matches(),
                                        "lower-case letters, digits and '-', up to 32, e.g. alex"))
                                .filter(v ->
                                        valid(o, "id", v, seen.add(v), "each owner once; this id is listed twice"));
                        ZoneId zone = o.text("zone", OPTIONAL, "an IANA time zone such as Europe/Berlin")
                                .flatMap(z -> zone(o, z))
                                .orElse(systemZone);
                        Optional<SkinType> skinType = o.text(
                                        "skin-type", OPTIONAL, "a Fitzpatrick type: " + SkinType.allIds())
                                .flatMap(t -> {
                                    Optional<SkinType> type = SkinType.fromId(t);
                                    if (type.isEmpty()) {
                                        o.reject(
                                                "skin-type",
                                                JsonFields.quoted(t) + " is not a Fitzpatrick skin type; use one of: "
                                                        + SkinType.allIds());
                                    }
                                    return type;
                                });
                        Optional<RuleSettings> rules = o.object(
                                        "rules", OPTIONAL, "a mapping of rule thresholds for this owner")
                                .map(r -> RulesReader.read(r, householdRules));
                        id.ifPresent(v -> {
                            owners.add(new Owner(v, zone, skinType));
                            rules.ifPresent(r -> ownerRules.put(v, r));
                        });
                    });
        }
        return owners;
    }

    private static Optional<ZoneId> zone(JsonFields o, String zone) {
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException e) {
            o.reject(
                    "zone",
                    JsonFields.quoted(zone)
                            + " is not a time zone; use an IANA name such as Europe/Berlin or America/New_York");
            return Optional.empty();
        }
    }

    /** @param ownerIds the owners there are, the first being whose a pen without {@code owner:} is */
    private static List<GatewayConfig.Pen> pens(JsonFields top, List<String> ownerIds, ErrorLog errors) {
        List<GatewayConfig.Pen> pens = new ArrayList<>();
        Optional<ArrayNode> list = top.array("pens", OPTIONAL, "a list of pens, each with serial:");
        if (list.isEmpty()) {
            return pens;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.get().size(); i++) {
            String path = "pens[" + i + "]";
            JsonFields.of(list.get().get(i), path, errors, "a mapping with serial: and owner:")
                    .ifPresent(p -> {
                        p.allowOnly(List.of("serial", "owner", "address"));
                        Optional<String> serial = p.text("serial", REQUIRED, "the pen's serial number as printed on it")
                                .filter(v -> valid(
                                        p,
                                        "serial",
                                        v,
                                        SERIAL.matcher(v).matches(),
                                        "1 to 16 printable characters without spaces"))
                                .filter(v -> valid(
                                        p, "serial", v, seen.add(v), "each pen once; this serial is listed twice"));
                        String owner = p.text("owner", OPTIONAL, "an owner id from owners:")
                                .filter(v -> valid(
                                        p,
                                        "owner",
                                        v,
                                        ownerIds.contains(v),
                                        "an owner listed under owners: (" + String.join(", ", ownerIds) + ")"
                                                + Spelling.suggestion(v, ownerIds) + ", or add this one there"))
                                .orElse(ownerIds.get(0));
                        Optional<String> address = p.text(
                                        "address", OPTIONAL, "a Bluetooth address such as AA:BB:CC:DD:EE:FF")
                                .filter(v -> valid(
                                        p,
                                        "address",
                                        v,
                                        ADDRESS.matcher(v).matches(),
                                        "six pairs of hex digits separated by ':', e.g. AA:BB:CC:DD:EE:FF"))
                                .map(String::toUpperCase);
                        serial.ifPresent(s -> pens.add(new GatewayConfig.Pen(s, owner, address)));
                    });
        }
        return pens;
    }

    /**
     * Devices without Bluetooth whose sessions are logged by hand: a roller with its needle length, or a
     * pen (its depth is set per session).
     *
     * @param ownerIds the owners there are, the first being whose a device without {@code owner:} is
     */
    private static List<Device> devices(JsonFields top, List<String> ownerIds, ErrorLog errors) {
        List<Device> devices = new ArrayList<>();
        Optional<ArrayNode> list =
                top.array("devices", OPTIONAL, "a list of devices without Bluetooth, each with id:, kind: and owner:");
        if (list.isEmpty()) {
            return devices;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.get().size(); i++) {
            String path = "devices[" + i + "]";
            JsonFields.of(list.get().get(i), path, errors, "a mapping with id:, kind: and owner:")
                    .ifPresent(d -> device(d, ownerIds, seen).ifPresent(devices::add));
        }
        return devices;
    }

    private static Optional<Device> device(JsonFields d, List<String> ownerIds, Set<String> seen) {
        d.allowOnly(List.of("id", "kind", "owner", "needle-length-mm"));
        Optional<String> id = d.text("id", REQUIRED, "a short name such as roller-1")
                .filter(v -> valid(
                        d,
                        "id",
                        v,
                        OWNER_ID.matcher(v).matches(),
                        "lower-case letters, digits and '-', up to 32, e.g. roller-1"))
                .filter(v -> valid(d, "id", v, seen.add(v), "each device once; this id is listed twice"));
        Optional<Device.Kind> kind = d.text("kind", REQUIRED, "roller or pen").flatMap(k -> {
            Optional<Device.Kind> known = Device.Kind.fromId(k);
            if (known.isEmpty()) {
                d.reject(
                        "kind",
                        JsonFields.quoted(k) + " is not a kind of device"
                                + Spelling.suggestion(k, List.of("roller", "pen"))
                                + "; use roller (a derma roller) or pen (a pen without Bluetooth)");
            }
            return known;
        });
        String owner = d.text("owner", OPTIONAL, "an owner id from owners:")
                .filter(v -> valid(
                        d,
                        "owner",
                        v,
                        ownerIds.contains(v),
                        "an owner listed under owners: (" + String.join(", ", ownerIds) + ")"
                                + Spelling.suggestion(v, ownerIds) + ", or add this one there"))
                .orElse(ownerIds.get(0));
        Optional<Depth> length = needleLength(d);
        if (kind.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        if (kind.get() == Device.Kind.ROLLER && length.isEmpty() && !d.has("needle-length-mm")) {
            d.reject("needle-length-mm", "is missing: a roller's needles have one length, e.g. needle-length-mm: 0.5");
            return Optional.empty();
        }
        if (kind.get() == Device.Kind.PEN && d.has("needle-length-mm")) {
            d.reject(
                    "needle-length-mm",
                    "is for rollers: a pen's depth is set for each session (give it when you log one); remove this"
                            + " key, or make the kind roller");
            return Optional.empty();
        }
        return length.isEmpty() && kind.get() == Device.Kind.ROLLER
                ? Optional.empty()
                : Optional.of(new Device(id.get(), kind.get(), owner, length));
    }

    private static Optional<Depth> needleLength(JsonFields d) {
        String allowed = "the needle length in mm, from 0.01 to 3.00 with at most two decimals, e.g. 0.5";
        Optional<BigDecimal> mm = d.decimal("needle-length-mm", OPTIONAL, allowed);
        if (mm.isEmpty()) {
            return Optional.empty();
        }
        try {
            Depth depth = Depth.ofMm(mm.get());
            if (depth.hundredthsMm() > 0 && !depth.isAbove(Depth.ofMm("3.00"))) {
                return Optional.of(depth);
            }
        } catch (IllegalArgumentException e) {
            // more than two decimals: refused below, like a length out of range
        }
        d.reject("needle-length-mm", Quote.number(mm.get()) + " is not allowed; use " + allowed);
        return Optional.empty();
    }

    /** Rejects {@code value} with the fix when {@code ok} is false; reads like the check it is. */
    private static boolean valid(JsonFields fields, String key, String value, boolean ok, String allowed) {
        if (!ok) {
            fields.reject(key, JsonFields.quoted(value) + " is not allowed; use " + allowed);
        }
        return ok;
    }
}
