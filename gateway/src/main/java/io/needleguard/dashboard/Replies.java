package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.needleguard.json.SessionJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the dashboard answers: the headers every answer carries, JSON, text and files, gzipped when asked. */
final class Replies {

    // The dashboard's log lines keep one logger name, whichever class writes them.
    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private Replies() {}

    /** The headers every answer carries: health data stays in this browser and this page. */
    static void secure(Headers headers) {
        headers.set("Content-Security-Policy", CSP);
        headers.set("Cache-Control", "no-store");
        headers.set("Pragma", "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        // One request per connection (the door passes one on): a client must not keep it for another.
        headers.set("Connection", "close");
    }

    static JsonNode error(String message) {
        return SessionJson.MAPPER.createObjectNode().put("error", message);
    }

    static void json(HttpExchange exchange, int status, JsonNode json) {
        try {
            send(exchange, status, "application/json; charset=utf-8", SessionJson.MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            log.debug("could not answer {}: {}", exchange.getRequestURI().getRawPath(), e.getMessage());
        }
    }

    static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        send(exchange, status, type, bytes, null);
    }

    /** Sends {@code bytes}, gzipped when the browser accepts it ({@code gzipped}: done before, or null). */
    static void send(HttpExchange exchange, int status, String type, byte[] bytes, byte[] gzipped) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (bytes.length >= Gzip.WORTH_IT) {
            exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
            if (Gzip.accepted(exchange.getRequestHeaders().get("Accept-Encoding"))) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                bytes = gzipped != null ? gzipped : Gzip.compress(bytes);
            }
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The request's body; the door already refused one over the limit, this holds should it ever not. */
    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(RequestHead.MAX_BODY + 1);
            if (bytes.length > RequestHead.MAX_BODY) {
                throw new ApiException(413, RequestHead.tooLarge("more than " + RequestHead.MAX_BODY + " bytes"));
            }
            return bytes;
        }
    }
}
