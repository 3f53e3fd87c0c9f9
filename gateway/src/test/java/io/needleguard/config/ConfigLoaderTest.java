package io.needleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Owner;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.rules.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final ZoneId SYSTEM = ZoneId.of("America/New_York");
    private final ConfigLoader loader = new ConfigLoader(SYSTEM, "bathroom-pi");

    private GatewayConfig parse(String yaml) {
        return loader.parse("needleguard.yaml", yaml);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void aPathWithANulIsRefusedWithItsKeyNotAFailure() {
        // Path.of threw InvalidPathException: exit 1, no key named.
        assertEquals(
                "needleguard.yaml: data-dir: \"a\\u0000b\" is not a path (Nul character not allowed)",
                error("data-dir: \"a\\x00b\"\n"));
        assertTrue(error("mqtt:\n  username: u\n  password-file: \"\\x00\"\n")
                .contains("mqtt.password-file: \"\\u0000\" is not a path"));
        assertTrue(error("dashboard:\n  token-file: \"/tmp/\\x00\"\n").contains("dashboard.token-file: "));
    }

    @Test
    void aFileOfMegabytesIsRefusedWithoutReadingItAsYaml(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // The YAML reader takes about a microsecond a character: ten megabytes took seconds to be refused.
        String megabytes = "mqtt:\n  url: " + "x".repeat(10 << 20) + "\n";
        Path file = dir.resolve("needleguard.yaml");
        java.nio.file.Files.writeString(file, megabytes);
        parse("owners: [{id: warm, zone: UTC}]\n");
        try (io.needleguard.testing.CpuBudget budget = new io.needleguard.testing.CpuBudget()) {
            Throwable refused = budget.answer("10 MB", () -> loader.load(file)).thrown();
            assertEquals(
                    file + ": is longer than a configuration can be (at most 65536 characters; the example with every"
                            + " key, src/dist/needleguard.yaml, has 8,000)",
                    refused.getMessage());
        }
    }

    @Test
    void theDebianPackagesConfigurationIsValidAndKeepsTheHistoryInTheStateDirectory() {
        GatewayConfig config = loader.load(Path.of(
                System.getProperty("needleguard.docs", "../src/docs"), "..", "dist", "debian", "needleguard.yaml"));
        assertEquals(Optional.of(Path.of("/var/lib/needleguard")), config.dataDir());
        assertEquals("auto", config.ble().backend());
        assertEquals(Map.of("adapter", "hci0"), config.ble().options());
        assertEquals("tcp://localhost:1883", config.mqtt().url());
        assertEquals(List.of(), config.pens(), "no pen is let in before it is paired");
        assertEquals(List.of(), config.owners());
        assertEquals(
                new io.needleguard.backup.BackupPlan(
                        io.needleguard.backup.Frequency.DAILY, 14, Path.of("/var/lib/needleguard/backups")),
                config.backup().plan(config.dataDir().orElseThrow()),
                "daily backups beside the history");
    }

    @Test
    void theShippedExampleIsValid() {
        GatewayConfig config = loader.load(
                Path.of(System.getProperty("needleguard.docs", "../src/docs"), "..", "dist", "needleguard.yaml"));
        assertEquals("auto", config.ble().backend());
        assertEquals(Map.of("adapter", "hci0"), config.ble().options());
        assertEquals("tcp://localhost:1883", config.mqtt().url());
        assertEquals(List.of(new Owner("me", ZoneId.of("Europe/Berlin"))), config.owners());
        assertEquals(List.of(new GatewayConfig.Pen("SIM-0001", "me", Optional.empty())), config.pens());
    }

    @Test
    void omittedKeysTakeTheirDefaults() {
        GatewayConfig config = parse("ble:\n  backend: sim\n");
        assertEquals(Optional.empty(), config.dataDir());
        assertEquals(Map.of(), config.ble().options());
        assertEquals(
                new GatewayConfig.Mqtt(
                        true, MqttSettings.of("tcp://localhost:1883", "needleguard-bathroom-pi", "needleguard")),
                config.mqtt());
        assertEquals(List.of(), config.owners());
        assertEquals(SYSTEM, config.household(SYSTEM).ownerOfPen("ANY").zone());
    }

    @Test
    void readsEverything() {
        GatewayConfig config = parse("""
                data-dir: /var/lib/needleguard
                ble:
                  backend: tinyb
                  options: {adapter: hci1, retries: 3}
                mqtt: {enabled: false, url: "ssl://broker.local:8883", client-id: ng-1, root: home/needleguard}
                owners:
                  - {id: alex, zone: Europe/Berlin}
                  - {id: sam}
                pens:
                  - {serial: NP-1, owner: alex, address: "c0:12:34:56:78:9a"}
                  - {serial: NP-2}
                """);
        assertEquals(Optional.of(Path.of("/var/lib/needleguard")), config.dataDir());
        assertEquals(Map.of("adapter", "hci1", "retries", "3"), config.ble().options());
        assertEquals(
                new GatewayConfig.Mqtt(false, MqttSettings.of("ssl://broker.local:8883", "ng-1", "home/needleguard")),
                config.mqtt());
        assertEquals(List.of(new Owner("alex", ZoneId.of("Europe/Berlin")), new Owner("sam", SYSTEM)), config.owners());
        assertEquals(RuleSettings.defaults(), config.rules());
        assertEquals(
                List.of(
                        new GatewayConfig.Pen("NP-1", "alex", Optional.of("C0:12:34:56:78:9A")),
                        // A pen without owner: is the first owner's; there is no "me" in this household.
                        new GatewayConfig.Pen("NP-2", "alex", Optional.empty())),
                config.pens());
        assertEquals("alex", config.household(SYSTEM).ownerOfPen("NP-1").id());
        assertEquals("alex", config.household(SYSTEM).ownerOfPen("NP-7").id(), "an unlisted pen too");
        assertTrue(config.household(SYSTEM).owner("me").isEmpty());
        assertTrue(config.allows("NP-2"));
        assertFalse(config.allows("NP-3"));
    }

    @Test
    void anUnknownKeyNamesItsPathAndSuggestsTheClosest() {
        assertEquals(
                "needleguard.yaml: mqtt.urll: unknown field (did you mean 'url'?); allowed here: enabled, url, client-id, root, username, "
                        + "password-file, password-env, tls, discovery, version",
                error("mqtt:\n  urll: tcp://x:1\n"));
        assertTrue(error("pens:\n  - serial: A\n  - serail: B\n")
                .contains("pens[1].serail: unknown field (did you mean 'serial'?)"));
        assertTrue(
                error("colour: blue\n")
                        .contains(
                                "needleguard.yaml: colour: unknown field; allowed here: data-dir, ble, mqtt, owners, pens, devices, rules"));
    }

    @Test
    void aWrongTypeSaysWhatIsExpected() {
        assertEquals(
                "needleguard.yaml: mqtt.enabled: \"yes please\" is a string; use true or false",
                error("mqtt:\n  enabled: yes please\n"));
        assertTrue(error("pens: NP-1\n").contains("pens: \"NP-1\" is a string; use a list of pens"));
    }

    @Test
    void valuesOutOfRangeNameTheKeyTheValueAndTheFix() {
        assertTrue(
                error("mqtt: {url: 'http://broker:80'}")
                        .contains(
                                "mqtt.url: \"http://broker:80\" has scheme 'http'; use tcp://host:port, or ssl://host:port for TLS"));
        assertTrue(error("mqtt: {root: 'needleguard/#'}").contains("mqtt.root: \"needleguard/#\" is not allowed"));
        assertTrue(error("mqtt: {client-id: 'this-client-id-is-far-too-long'}").contains("mqtt.client-id"));
        assertTrue(error("owners: [{id: me, zone: Mars/Olympus}]")
                .contains(
                        "owners[0].zone: \"Mars/Olympus\" is not a time zone; use an IANA name such as Europe/Berlin"));
        assertTrue(error("pens: [{serial: 'has space'}]").contains("pens[0].serial: \"has space\" is not allowed"));
        assertTrue(error("pens: [{serial: A, address: 'not-an-address'}]").contains("pens[0].address"));
        assertTrue(error("data-dir: relative/dir").contains("data-dir: \"relative/dir\" is relative"));
    }

    @Test
    void referencesAndDuplicatesAreChecked() {
        assertTrue(
                error("pens: [{serial: A, owner: bob}]")
                        .contains(
                                "pens[0].owner: \"bob\" is not allowed; use an owner listed under owners: (me), or add this one there"));
        assertTrue(error("pens: [{serial: A}, {serial: A}]")
                .contains("pens[1].serial: \"A\" is not allowed; use each pen once"));
        assertTrue(error("owners: [{id: alex}, {id: alex}]").contains("owners[1].id"));
    }

    @Test
    void everyProblemIsReportedAtOnceOnePerLine() {
        String message = error("mqtt: {enabled: maybe, root: '#'}\npens: [{serial: A, owner: bob}]\n");
        assertEquals(3, message.lines().count(), message);
    }

    @Test
    void aSyntaxErrorGivesLineAndColumn() {
        String message = error("mqtt:\n  url: [unclosed\n");
        assertTrue(message.startsWith("needleguard.yaml: not valid YAML at line"), message);
        assertTrue(message.contains("(while parsing a flow sequence)"), message);
        assertFalse(
                message.contains("in 'reader'") || message.contains("\n"), "no parser internals, one line: " + message);
    }

    @Test
    void anEmptyOrMissingFileSaysWhatToDo(@TempDir Path dir) throws Exception {
        assertTrue(error("").contains("the file is empty"));
        String missing = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yaml")))
                .getMessage();
        assertTrue(missing.contains("no such file"), missing);
        Files.writeString(dir.resolve("ok.yaml"), "ble: {backend: sim}\n");
        assertEquals("sim", loader.load(dir.resolve("ok.yaml")).ble().backend());
    }

    @Property(tries = 200)
    void anyUnknownTopLevelKeyIsRejectedByName(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String key) {
        if (List.of("data-dir", "ble", "mqtt", "owners", "pens", "rules").contains(key)) {
            return;
        }
        String message = error(key + ": 1\n");
        assertTrue(message.contains(key + ": unknown field"), message);
    }

    @Test
    void theDefaultDataDirFollowsXdg() {
        assertEquals(
                Path.of("/data/needleguard"),
                DataDirectories.defaultDataDir(Map.of("XDG_DATA_HOME", "/data"), "/home/u"));
        assertEquals(
                Path.of("/home/u/.local/share/needleguard"),
                DataDirectories.defaultDataDir(Map.of("XDG_DATA_HOME", "rel"), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/needleguard"), DataDirectories.defaultDataDir(Map.of(), "/home/u"));
    }
}
