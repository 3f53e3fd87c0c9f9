package io.needleguard.mqtt.transport;

import io.needleguard.mqtt.MqttSettings;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One connection to the broker with the configured login and TLS, then gone: whether the broker is
 * reachable and accepts needleguard, for {@code needleguard doctor}. It uses a client id of its own, so
 * that it never takes the running gateway's session away.
 */
public final class BrokerProbe {

    private BrokerProbe() {}

    /** The problem in words (as the gateway would log it), or empty when the broker accepted the login. */
    public static Optional<String> problem(MqttSettings settings, Duration timeout) {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String clientId = "ng-doctor-" + HexFormat.of().formatHex(random);
        try {
            MqttClient client = new MqttClient(settings.url(), clientId, new MemoryPersistence());
            try {
                client.connect(options(settings, timeout));
                client.disconnect();
                return Optional.empty();
            } finally {
                client.close(true);
            }
        } catch (MqttException e) {
            return Optional.of(BrokerProblems.describe(e, settings));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("cannot use MQTT broker " + settings.url() + ": " + e.getMessage());
        }
    }

    private static MqttConnectOptions options(MqttSettings settings, Duration timeout)
            throws IOException, GeneralSecurityException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(
                "3.1".equals(settings.version())
                        ? MqttConnectOptions.MQTT_VERSION_3_1
                        : MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        if (settings.username().isPresent()) {
            options.setUserName(settings.username().get());
            settings.password().read().ifPresent(options::setPassword);
        }
        if (settings.url().startsWith("ssl://")) {
            options.setSocketFactory(TlsContext.socketFactory(settings.tls()));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }
}
