package io.needleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.dashboard.settings.DashboardSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardConfigTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(ZoneId.of("UTC"), "pi");

    private DashboardSettings parse(String dashboard) {
        return loader.parse("needleguard.yaml", "dashboard: " + dashboard + "\n")
                .dashboard();
    }

    private String error(String dashboard) {
        return assertThrows(ConfigException.class, () -> parse(dashboard)).getMessage();
    }

    @Test
    void onByDefaultOnThisMachineOnlyWithoutAToken() {
        DashboardSettings d =
                loader.parse("needleguard.yaml", "ble: {backend: sim}\n").dashboard();
        assertTrue(d.enabled());
        assertEquals("127.0.0.1:8421", d.listen());
        assertTrue(d.loopbackOnly());
        assertEquals(Optional.empty(), d.tokenFile());
        assertEquals(DashboardSettings.defaults(), d);
    }

    @Test
    void offAnotherPortOrIpv6Loopback() {
        assertFalse(parse("{enabled: false}").enabled());
        assertEquals("127.0.0.1:9000", parse("{listen: '127.0.0.1:9000'}").listen());
        assertEquals("127.0.0.1:8080", parse("{listen: 'localhost:8080'}").listen());
        DashboardSettings v6 = parse("{listen: '[::1]:8421'}");
        assertEquals("[0:0:0:0:0:0:0:1]:8421", v6.listen());
        assertTrue(v6.loopbackOnly());
        assertEquals(0, parse("{listen: '127.0.0.1:0'}").port(), "0 takes any free port");
    }

    @Test
    void theNetworkNeedsATokenFile() throws Exception {
        String missing = error("{listen: '0.0.0.0:8421'}");
        assertTrue(
                missing.contains("needleguard.yaml: dashboard.token-file: is missing: the dashboard listens on "
                        + "0.0.0.0:8421, which other machines can reach, so it needs a token"),
                missing);
        assertTrue(missing.contains("openssl rand -hex 24"), missing);
        assertTrue(missing.contains("or listen on 127.0.0.1:8421"), missing);
        assertTrue(error("{listen: '192.168.1.20:8421'}").contains("dashboard.token-file: is missing"));

        Path token = Files.writeString(dir.resolve("token"), "0123456789abcdef0123\n");
        DashboardSettings lan = parse("{listen: '0.0.0.0:8421', token-file: " + token + "}");
        assertFalse(lan.loopbackOnly());
        assertEquals(Optional.of(token), lan.tokenFile());
        assertFalse(parse("{enabled: false, listen: '0.0.0.0:8421'}").enabled(), "off needs no token");
        assertEquals(
                Optional.of(token),
                parse("{token-file: " + token + "}").tokenFile(),
                "a token may be asked of local users too");
    }

    @Test
    void mistakesNameTheKeyAndTheFix() {
        assertTrue(error("{listen: '8421'}")
                .contains("dashboard.listen: \"8421\" is not an address and port; use an IP address and a port such "
                        + "as 127.0.0.1:8421"));
        assertTrue(error("{listen: 'pi.local:8421'}").contains("dashboard.listen: \"pi.local:8421\""));
        assertTrue(error("{listen: '300.1.1.1:8421'}").contains("300.1.1.1 is not an IP address"));
        assertTrue(error("{listen: '127.0.0.1:70000'}").contains("70000 is not a port"));
        assertTrue(error("{token-file: /nope}").contains("dashboard.token-file: \"/nope\" is not a file"));
        String typo = error("{listn: '127.0.0.1:8421'}");
        assertTrue(typo.contains("dashboard.listn: unknown field (did you mean 'listen'?)"), typo);
        assertTrue(error("{enabled: yes please}").contains("dashboard.enabled"));
        assertTrue(assertThrows(ConfigException.class, () -> loader.parse("needleguard.yaml", "dashbord: {}\n"))
                .getMessage()
                .contains("dashbord: unknown field (did you mean 'dashboard'?)"));
    }
}
