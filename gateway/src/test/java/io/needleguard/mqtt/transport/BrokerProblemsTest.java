package io.needleguard.mqtt.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.PasswordSource;
import java.net.ConnectException;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

class BrokerProblemsTest {

    @Test
    void explainsEachProblemWithWhatToCheck() {
        String refused = BrokerProblems.describe(
                new MqttException(
                        MqttException.REASON_CODE_SERVER_CONNECT_ERROR, new ConnectException("Connection refused")),
                MqttSettings.of("tcp://127.0.0.1:1", "id", "needleguard"));
        assertEquals(
                "cannot reach MQTT broker tcp://127.0.0.1:1 (connection refused); is it running? "
                        + "needleguard keeps recording and retries",
                refused);
        String login = BrokerProblems.describe(
                new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION),
                MqttSettings.of("tcp://broker:1883", "id", "needleguard"));
        assertTrue(login.contains("refused the user name or password"), login);
        String notAuthorized = BrokerProblems.describe(
                new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED),
                MqttSettings.of("ssl://broker:8883", "id", "needleguard")
                        .withLogin("gateway", new PasswordSource.FromFile(Path.of("/etc/needleguard/mqtt-password"))));
        assertEquals(
                "MQTT broker ssl://broker:8883 refused the login of user 'gateway' (not authorized); check the password file "
                        + "/etc/needleguard/mqtt-password and the broker's access rules",
                notAuthorized);
    }
}
