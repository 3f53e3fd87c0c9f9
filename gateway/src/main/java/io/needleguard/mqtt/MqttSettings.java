package io.needleguard.mqtt;

import java.util.Objects;

/**
 * Where and how to publish.
 *
 * @param url      {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId the MQTT client id (unique per broker)
 * @param root     the first topic level of everything published, {@code needleguard} by default
 */
public record MqttSettings(String url, String clientId, String root) {

    public static final String DEFAULT_ROOT = "needleguard";

    public MqttSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(root, "root");
    }
}
