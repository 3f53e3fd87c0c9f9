package io.needleguard.mqtt;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to publish.
 *
 * @param url       {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId  the MQTT client id (unique per broker)
 * @param root      the first topic level of everything published, {@code needleguard} by default
 * @param username  the broker login, if it wants one
 * @param password  where the password comes from (never the command line)
 * @param tls       trust and client certificate for {@code ssl://}
 * @param discovery Home Assistant discovery: on, and its topic prefix
 * @param version   MQTT protocol version, {@code 3.1.1} (default) or {@code 3.1}
 */
public record MqttSettings(
        String url,
        String clientId,
        String root,
        Optional<String> username,
        PasswordSource password,
        Tls tls,
        Discovery discovery,
        String version) {

    public static final String DEFAULT_ROOT = "needleguard";
    public static final String DEFAULT_VERSION = "3.1.1";

    /**
     * TLS material, read at each connection attempt so that a fixed file needs no restart.
     *
     * @param caFile the CA certificates (PEM) that signed the broker's certificate; empty for the
     *               system's trust store
     */
    public record Tls(Optional<Path> caFile, Optional<Path> clientCertFile, Optional<Path> clientKeyFile) {
        public static final Tls SYSTEM = new Tls(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public record Discovery(boolean enabled, String prefix) {
        public static final String DEFAULT_PREFIX = "homeassistant";
        public static final Discovery ON = new Discovery(true, DEFAULT_PREFIX);
        public static final Discovery OFF = new Discovery(false, DEFAULT_PREFIX);
    }

    public MqttSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(version, "version");
    }

    /** No login, the system's trust store, Home Assistant discovery on, MQTT 3.1.1. */
    public static MqttSettings of(String url, String clientId, String root) {
        return new MqttSettings(
                url, clientId, root, Optional.empty(), PasswordSource.NONE, Tls.SYSTEM, Discovery.ON, DEFAULT_VERSION);
    }

    public MqttSettings withDiscovery(Discovery discovery) {
        return new MqttSettings(url, clientId, root, username, password, tls, discovery, version);
    }

    public MqttSettings withLogin(String username, PasswordSource password) {
        return new MqttSettings(url, clientId, root, Optional.of(username), password, tls, discovery, version);
    }

    public MqttSettings withTls(Tls tls) {
        return new MqttSettings(url, clientId, root, username, password, tls, discovery, version);
    }
}
