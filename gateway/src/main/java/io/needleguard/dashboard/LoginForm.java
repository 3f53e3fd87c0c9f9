package io.needleguard.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /login}: the form that takes the token once and sets the cookie (only when a token is required). */
final class LoginForm {

    // The dashboard's log lines keep one logger name, whichever class writes them.
    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

    private final Optional<AccessToken> token;
    private final byte[] page;

    LoginForm(Optional<AccessToken> token, PageFiles files) {
        this.token = token;
        this.page = files.at("/login.html").orElseThrow().bytes();
    }

    void handle(HttpExchange exchange, String method, InetAddress client) throws IOException {
        if (token.isEmpty()) {
            Replies.redirect(exchange, "/");
            return;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            Replies.send(exchange, 200, "text/html; charset=utf-8", page(""));
            return;
        }
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            Replies.text(exchange, 405, "GET or POST here.\n");
            return;
        }
        String given = given(new String(Replies.body(exchange), StandardCharsets.UTF_8));
        if (token.get().matches(given)) {
            exchange.getResponseHeaders()
                    .add(
                            "Set-Cookie",
                            Access.COOKIE + "=" + token.get().cookieValue()
                                    + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000");
            Replies.redirect(exchange, "/");
            log.info("dashboard: a browser at {} logged in", client.getHostAddress());
        } else {
            log.warn("dashboard: a login from {} was refused (wrong token)", client.getHostAddress());
            Replies.send(
                    exchange,
                    401,
                    "text/html; charset=utf-8",
                    page("That is not the token. It is the first line of the file named by dashboard.token-file."));
        }
    }

    /** The token the form sent, or null. */
    private static String given(String form) {
        String given = null;
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals("token")) {
                try {
                    given = URLDecoder.decode(kv[1], StandardCharsets.UTF_8).strip();
                } catch (IllegalArgumentException malformed) {
                    given = null; // not a token, whatever it was
                }
            }
        }
        return given;
    }

    private byte[] page(String problem) {
        String html = new String(page, StandardCharsets.UTF_8);
        return html.replace("<!--problem-->", problem.isEmpty() ? "" : "<p class=\"problem\">" + problem + "</p>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
