package io.needleguard.config;

import static io.needleguard.config.FieldChecks.existingFile;
import static io.needleguard.config.FieldChecks.valid;
import static io.needleguard.json.JsonFields.Presence.OPTIONAL;

import io.needleguard.json.JsonFields;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.PasswordSource;
import io.needleguard.text.Quote;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code mqtt:} section: the broker, its credentials, TLS, Home Assistant discovery. */
final class MqttReader {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,23}");

    private MqttReader() {}

    static GatewayConfig.Mqtt read(JsonFields f, GatewayConfig.Mqtt defaults) {
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
}
