package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.dashboard.Access.Verdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may read the dashboard, request by request, apart from any socket. */
class AccessTest {

    private static final String TOKEN = "a-token-of-twenty-chars";
    private final InetAddress loopback = address("127.0.0.1");
    private final InetAddress lan = address("192.168.1.23");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onLoopbackOnlyThisMachineUnderItsOwnNames() {
        Access access = new Access(true, Optional.empty(), 8421);
        assertEquals(Verdict.ALLOWED, access.check(loopback, "127.0.0.1:8421", "/", null, null));
        assertEquals(Verdict.ALLOWED, access.check(loopback, "localhost:8421", "/api/pens", null, null));
        assertEquals(Verdict.ALLOWED, access.check(address("::1"), "[::1]:8421", "/", null, null));
        assertEquals(Verdict.ALLOWED, access.check(loopback, null, "/", null, null), "HTTP/1.0 names no host");
        assertEquals(Verdict.NOT_THIS_MACHINE, access.check(lan, "127.0.0.1:8421", "/", null, null));
        assertEquals(
                Verdict.WRONG_HOST,
                access.check(loopback, "attacker.example:8421", "/api/pens", null, null),
                "a page elsewhere that pointed its own name at 127.0.0.1 (DNS rebinding)");
        assertEquals(Verdict.WRONG_HOST, access.check(loopback, "127.0.0.1:9999", "/", null, null));
    }

    @Test
    void aTokenIsAskedOfEveryRequestButTheLoginPage() {
        AccessToken token = AccessToken.of(TOKEN);
        Access access = new Access(false, Optional.of(token), 8421);
        assertEquals(Verdict.LOG_IN, access.check(lan, "pi.lan:8421", "/api/pens", null, null));
        assertEquals(Verdict.LOG_IN, access.check(lan, "pi.lan:8421", "/", null, null));
        assertEquals(Verdict.LOG_IN, access.check(lan, "pi.lan:8421", "/api/pens", "Bearer wrong-token-here", null));
        assertEquals(Verdict.LOG_IN, access.check(lan, "pi.lan:8421", "/api/pens", "Basic " + TOKEN, null));
        assertEquals(Verdict.ALLOWED, access.check(lan, "pi.lan:8421", "/api/pens", "Bearer " + TOKEN, null));
        assertEquals(Verdict.ALLOWED, access.check(lan, "pi.lan:8421", "/api/pens", "bearer " + TOKEN, null));
        assertEquals(
                Verdict.ALLOWED,
                access.check(
                        lan,
                        "pi.lan:8421",
                        "/",
                        null,
                        List.of("theme=dark; needleguard_login=" + token.cookieValue())));
        assertEquals(
                Verdict.LOG_IN, access.check(lan, "pi.lan:8421", "/", null, List.of("needleguard_login=" + TOKEN)));
        for (String open : List.of("/login", "/app.css", "/favicon.svg")) {
            assertEquals(Verdict.ALLOWED, access.check(lan, "pi.lan:8421", open, null, null), open);
        }
        assertEquals(
                Verdict.LOG_IN,
                new Access(true, Optional.of(token), 8421).check(loopback, "127.0.0.1:8421", "/api/pens", null, null),
                "a token asked of local users too");
    }
}
