package io.needleguard.dashboard;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read the dashboard, decided for each request before anything else is looked at.
 *
 * <ul>
 *   <li>Listening on a loopback address (the default), only this machine: a client from any other
 *       address is refused (the socket already keeps them out; this holds should it ever not), and so is
 *       a request naming another host than {@code 127.0.0.1}, {@code localhost} or {@code [::1]}, which
 *       is how a web page elsewhere would reach it through a host name of its own pointed at this
 *       machine (DNS rebinding).
 *   <li>With a token (required off loopback), every request but the login page and its style sheet
 *       must carry it: {@code Authorization: Bearer <token>}, or the cookie the login form sets.
 * </ul>
 */
final class Access {

    static final String COOKIE = "needleguard_login";

    /** What becomes of a request. */
    enum Verdict {
        ALLOWED,
        /** 403: a client from another machine while the dashboard is for this one. */
        NOT_THIS_MACHINE,
        /** 403: a host name that is not this machine's loopback names. */
        WRONG_HOST,
        /** 401, or the login page: no token, or the wrong one. */
        LOG_IN
    }

    private final boolean loopbackOnly;
    private final Optional<AccessToken> token;
    private final Set<String> hosts;

    Access(boolean loopbackOnly, Optional<AccessToken> token, int port) {
        this.loopbackOnly = loopbackOnly;
        this.token = token;
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }

    boolean tokenRequired() {
        return token.isPresent();
    }

    Optional<AccessToken> token() {
        return token;
    }

    /**
     * @param host          the request's {@code Host} header, null if it had none (HTTP/1.0)
     * @param authorization its {@code Authorization} header, or null
     * @param cookies       its {@code Cookie} headers
     */
    Verdict check(InetAddress client, String host, String path, String authorization, List<String> cookies) {
        if (loopbackOnly && !client.isLoopbackAddress()) {
            return Verdict.NOT_THIS_MACHINE;
        }
        if (loopbackOnly && host != null && !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Verdict.WRONG_HOST;
        }
        if (token.isEmpty() || isPublic(path) || authorized(authorization, cookies)) {
            return Verdict.ALLOWED;
        }
        return Verdict.LOG_IN;
    }

    /** The login page and what it needs; nothing in them is health data. */
    static boolean isPublic(String path) {
        return path.equals("/login") || path.equals("/app.css") || path.equals("/favicon.svg");
    }

    private boolean authorized(String authorization, List<String> cookies) {
        AccessToken t = token.orElseThrow();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return t.matches(authorization.substring(7).strip());
        }
        return cookie(cookies).map(t::matchesCookie).orElse(false);
    }

    private static Optional<String> cookie(List<String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                String[] kv = part.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE)) {
                    return Optional.of(kv[1]);
                }
            }
        }
        return Optional.empty();
    }
}
