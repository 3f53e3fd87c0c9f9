package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.needleguard.text.Quote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request the door passes on: who may ask ({@link Access}), then the login form, the API
 * ({@link ApiRoutes}) or a file of the page; any failure becomes an answer that says what went wrong.
 */
final class Router {

    // The dashboard's log lines keep one logger name, whichever class writes them.
    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

    private final FrontDoor door;
    private final Access access;
    private final String listen;
    private final Supplier<URI> url;
    private final LoginForm login;
    private final PageFiles files;
    private final ApiRoutes api;

    Router(FrontDoor door, Access access, String listen, Supplier<URI> url, PageFiles files, ApiRoutes api) {
        this.door = door;
        this.access = access;
        this.listen = listen;
        this.url = url;
        this.files = files;
        this.login = new LoginForm(access.token(), files);
        this.api = api;
    }

    void handle(HttpExchange exchange) {
        boolean streaming = false;
        try {
            streaming = route(exchange);
        } catch (ApiException e) {
            ObjectNode error = (ObjectNode) Replies.error(e.getMessage());
            e.field().ifPresent(f -> error.put("field", f));
            Replies.json(exchange, e.status(), error);
        } catch (IOException | UncheckedIOException e) {
            log.debug(
                    "dashboard request {} failed: {}", exchange.getRequestURI().getRawPath(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("dashboard request {} failed", exchange.getRequestURI().getRawPath(), e);
            Replies.json(exchange, 500, Replies.error("the gateway could not answer: " + e.getMessage()));
        } finally {
            if (!streaming) {
                exchange.close();
            }
        }
    }

    /** @return true when the exchange became an event stream and must stay open */
    private boolean route(HttpExchange exchange) throws IOException {
        Replies.secure(exchange.getResponseHeaders());
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Headers request = exchange.getRequestHeaders();
        Optional<InetAddress> client = door.clientOf(exchange.getRemoteAddress());
        if (client.isEmpty()) {
            // Straight to the server's own port, past the door and its limits: not a way in.
            Replies.text(exchange, 403, "The needleguard dashboard is at " + url.get() + "\n");
            return false;
        }
        switch (access.check(
                client.get(),
                request.getFirst("Host"),
                path,
                request.getFirst("Authorization"),
                request.get("Cookie"))) {
            case NOT_THIS_MACHINE -> {
                Replies.text(
                        exchange,
                        403,
                        "The needleguard dashboard answers this machine only (dashboard.listen is " + listen + ").\n");
                return false;
            }
            case WRONG_HOST -> {
                Replies.text(
                        exchange,
                        403,
                        "The needleguard dashboard answers only as " + url.get() + " (this request named the host "
                                + Quote.of(String.valueOf(request.getFirst("Host"))) + ").\n");
                return false;
            }
            case LOG_IN -> {
                if (path.startsWith("/api/")) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"needleguard\"");
                    Replies.json(
                            exchange,
                            401,
                            Replies.error("log in at /login, or send 'Authorization: Bearer <token>' with the "
                                    + "token from dashboard.token-file"));
                } else {
                    Replies.redirect(exchange, "/login");
                }
                return false;
            }
            case ALLOWED -> {
                // go on
            }
        }
        if (path.equals("/login")) {
            login.handle(exchange, method, client.get());
            return false;
        }
        if (path.startsWith("/api/")) {
            return api.handle(exchange, method, path);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Replies.text(exchange, 405, "Only GET here.\n");
            return false;
        }
        Optional<PageFiles.Resource> file = files.at(path);
        if (file.isEmpty()) {
            Replies.text(exchange, 404, "Not here: the dashboard is at " + url.get() + "\n");
            return false;
        }
        Replies.send(
                exchange, 200, file.get().type(), file.get().bytes(), file.get().gzipped());
        return false;
    }
}
