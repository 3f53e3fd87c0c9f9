package io.needleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.PasswordSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttConfigTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(ZoneId.of("UTC"), "pi");

    private MqttSettings parse(String mqtt) {
        return loader.parse("needleguard.yaml", "mqtt: " + mqtt + "\n").mqtt().settings();
    }

    private String error(String mqtt) {
        return assertThrows(ConfigException.class, () -> parse(mqtt)).getMessage();
    }

    @Test
    void aLoginTlsDiscoveryAndVersion() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "s3cret\n");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        MqttSettings s = parse("{url: 'ssl://broker.lan:8883', username: gateway, password-file: " + password + ", "
                + "tls: {ca-file: " + ca + "}, discovery: {prefix: ha}, version: '3.1'}");
        assertEquals(Optional.of("gateway"), s.username());
        assertEquals(new PasswordSource.FromFile(password), s.password());
        assertEquals("s3cret", new String(s.password().read().orElseThrow()));
        assertEquals(Optional.of(ca), s.tls().caFile());
        assertEquals(new MqttSettings.Discovery(true, "ha"), s.discovery());
        assertEquals("3.1", s.version());
    }

    @Test
    void thePasswordCanComeFromTheEnvironmentAndIsNeverInAMessage() throws Exception {
        MqttSettings s = parse("{username: gateway, password-env: NEEDLEGUARD_MQTT_PASSWORD}");
        assertEquals(
                "the environment variable NEEDLEGUARD_MQTT_PASSWORD",
                s.password().describe());
        PasswordSource fromEnv = new PasswordSource.FromEnvironment("P", java.util.Map.of("P", "hunter2"));
        assertEquals("hunter2", new String(fromEnv.read().orElseThrow()));
        assertFalse(fromEnv.describe().contains("hunter2"));
    }

    @Test
    void mistakesNameTheKeyAndTheFix() throws Exception {
        assertTrue(error("{password-file: /nope}").contains("mqtt.password-file: \"/nope\" is not a file"));
        Path pw = Files.writeString(dir.resolve("pw"), "x");
        assertTrue(error("{password-file: " + pw + "}")
                .contains("mqtt.username: is missing: a password needs the user name"));
        assertTrue(error("{username: u, password-file: " + pw + ", password-env: P}")
                .contains("give the password in one place"));
        assertTrue(error("{tls: {ca-file: " + pw + "}}").contains("TLS settings need an ssl:// broker url"));
        assertTrue(error("{url: 'ssl://b:8883', tls: {client-cert-file: " + pw + "}}")
                .contains(
                        "mqtt.tls.client-key-file: is missing: a client certificate and its private key go together"));
        assertTrue(error("{version: 5}").contains("mqtt.version"));
        assertTrue(error("{discovery: {prefix: 'home/#'}}").contains("mqtt.discovery.prefix"));
        assertTrue(
                error("{trust-all: true}").contains("mqtt.trust-all: unknown field"),
                "there is no way to trust every certificate");
    }
}
