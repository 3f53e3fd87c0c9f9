package io.needleguard.mqtt.transport;

import io.needleguard.mqtt.MqttSettings;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** What went wrong with the broker, in words that say what to check. */
public final class BrokerProblems {

    private BrokerProblems() {}

    public static String describe(Throwable problem, MqttSettings settings) {
        String url = settings.url();
        Throwable cause = problem.getCause() != null ? problem.getCause() : problem;
        if (cause instanceof ConnectException) {
            return "cannot reach MQTT broker " + url
                    + " (connection refused); is it running? needleguard keeps recording and retries";
        }
        if (cause instanceof UnknownHostException) {
            return "cannot reach MQTT broker " + url + ": unknown host " + cause.getMessage() + "; check mqtt.url";
        }
        if (cause instanceof NoRouteToHostException) {
            return "cannot reach MQTT broker " + url + ": no route to host; check the network and mqtt.url";
        }
        if (cause instanceof SSLException) {
            return "TLS with MQTT broker " + url + " failed (" + cause.getMessage()
                    + "); check the broker's certificate and the CA you configured";
        }
        if (problem instanceof MqttException mqtt) {
            switch (mqtt.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                    return "MQTT broker " + url + " refused the user name or password; check mqtt.username and "
                            + settings.password().describe();
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    // Mosquitto answers a wrong password this way too.
                    return settings.username()
                            .map(user -> "MQTT broker " + url + " refused the login of user '" + user
                                    + "' (not authorized); check "
                                    + settings.password().describe() + " and the broker's access rules")
                            .orElse("MQTT broker " + url
                                    + " refused this client (not authorized): it wants a login; set "
                                    + "mqtt.username and mqtt.password-file");
                case MqttException.REASON_CODE_INVALID_CLIENT_ID:
                    return "MQTT broker " + url + " rejected client id '" + settings.clientId()
                            + "'; set another mqtt.client-id";
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
                    return "MQTT broker " + url
                            + " is not accepting connections (server unavailable); needleguard retries";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT:
                    return "MQTT broker " + url + " did not answer in time; needleguard retries";
                case MqttException.REASON_CODE_CONNECTION_LOST:
                    return "lost the connection to MQTT broker " + url
                            + (cause != problem ? " (" + cause.getMessage() + ")" : "")
                            + "; needleguard keeps recording and reconnects";
                default:
                    break;
            }
        }
        return "MQTT broker " + url + ": "
                + (problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage());
    }
}
