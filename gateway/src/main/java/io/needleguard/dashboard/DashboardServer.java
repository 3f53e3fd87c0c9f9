package io.needleguard.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.needleguard.backup.BackupStatus;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.json.SessionJson;
import io.needleguard.text.Quote;
import io.needleguard.threads.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local web dashboard (src/docs/dashboard.md): a page, its script and style sheet, the uPlot chart
 * library, and the JSON API under {@code /api/}, served by the JDK's own HTTP server from inside the
 * build. Nothing is fetched from anywhere else, nothing is written to disk.
 *
 * <p>Who may use it: with a loopback address (the default) only this machine, and only under the
 * names {@code 127.0.0.1}, {@code localhost} and {@code [::1]} (a web page elsewhere cannot reach it
 * by pointing a host name of its own at this machine). Listening on the network needs a token, given
 * as {@code Authorization: Bearer} or by logging in once with the form, which sets a cookie.
 *
 * <p>Start it, {@link #wire} it into the gateway (for the pens' live state and to tell open pages
 * what changed), and {@link #serve} the gateway once it is built; the data answers 503 until then.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /**
     * Threads that answer requests. A request reaches them only once it has arrived whole (the
     * {@link FrontDoor} reads it), so they do not wait for clients to send; one client, holding at most
     * {@link FrontDoor.Limits#perClient} connections, can keep at most that many busy (reading an answer
     * slowly), and the rest serve everyone else. Made when needed, gone after a minute without work.
     */
    private static final int WORKERS = 2 * FrontDoor.Limits.STANDARD.perClient();

    private static final String WEB = "/io/needleguard/dashboard/web/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final Pattern OWNER_PATH = Pattern.compile("/api/owners/([a-z0-9][a-z0-9-]{0,31})/([a-z]+)");
    private static final Pattern LOG_PATH = Pattern.compile("/api/owners/([a-z0-9][a-z0-9-]{0,31})/log");
    private static final Pattern REPORT_PATH = Pattern.compile("/api/owners/([a-z0-9][a-z0-9-]{0,31})/report\\.pdf");
    private static final Pattern AREA_PATH = Pattern.compile("/api/pens/([\\x21-\\x7e&&[^/]]{1,16})/area");

    /** A file of the page, kept in memory as it is and compressed (null when too small to gain). */
    private record Resource(String type, byte[] bytes, byte[] gzipped) {
        Resource(String type, byte[] bytes) {
            this(type, bytes, bytes.length >= Gzip.WORTH_IT ? Gzip.compress(bytes) : null);
        }
    }

    private final DashboardSettings settings;
    private final Access access;
    private final FrontDoor door;
    private final HttpServer server;
    private final ExecutorService workers;
    private final EventStream events = new EventStream();
    private final PenBoard board = new PenBoard(events::changed);
    private final Map<String, Resource> files;
    private volatile DashboardApi api;
    private volatile ReportPrinter printer = ReportPrinter.NONE;

    private DashboardServer(
            DashboardSettings settings,
            Optional<AccessToken> token,
            Map<String, Resource> files,
            FrontDoor door,
            HttpServer server,
            ExecutorService workers) {
        this.settings = settings;
        this.access = new Access(settings.loopbackOnly(), token, door.port());
        this.files = files;
        this.door = door;
        this.server = server;
        this.workers = workers;
    }

    /**
     * Listens on the configured address; returns at once.
     *
     * @throws IllegalArgumentException when the token file cannot be used (the message says why)
     * @throws DashboardException when the address cannot be listened on (taken, or not this machine's)
     */
    public static DashboardServer start(DashboardSettings settings) {
        return start(settings, FrontDoor.Limits.STANDARD, Clock.systemUTC());
    }

    /**
     * @param clock the real time, for how long clients may take: never a simulation's clock
     */
    static DashboardServer start(DashboardSettings settings, FrontDoor.Limits limits, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Optional<AccessToken> token = settings.tokenFile().map(AccessToken::read);
        Map<String, Resource> files = files();
        // The HTTP server listens on a loopback port of its own; clients reach it through the door only.
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits.total());
        } catch (IOException e) {
            throw new DashboardException("cannot serve the dashboard (" + reason(e) + ")", e);
        }
        FrontDoor door;
        try {
            door = FrontDoor.open(settings.socketAddress(), server.getAddress(), limits, clock);
        } catch (IOException e) {
            server.stop(0);
            throw new DashboardException(
                    "cannot serve the dashboard on " + settings.listen() + " (" + reason(e) + ")", e);
        }
        ThreadPoolExecutor workers = new ThreadPoolExecutor(
                WORKERS,
                WORKERS,
                1,
                TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(limits.total()),
                DaemonThreads.named("dashboard-http"));
        workers.allowCoreThreadTimeOut(true);
        DashboardServer dashboard = new DashboardServer(settings, token, files, door, server, workers);
        server.createContext("/", dashboard::handle);
        server.setExecutor(workers);
        server.start();
        return dashboard;
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Makes the gateway tell the dashboard what the pens do and what changed. */
    public Gateway.Builder wire(Gateway.Builder gateway) {
        return gateway.listener(board);
    }

    /** Starts answering with the gateway's data: its history, its clock, its pens. */
    public void serve(Gateway gateway, MqttState mqtt) {
        serve(gateway, mqtt, ReportPrinter.NONE, () -> BackupStatus.OFF);
    }

    /**
     * Starts answering with the gateway's data, the clinician's report made by {@code printer}, and how the
     * automatic backups stand.
     */
    public void serve(Gateway gateway, MqttState mqtt, ReportPrinter printer, Supplier<BackupStatus> backups) {
        board.useClock(gateway.clock());
        this.printer = Objects.requireNonNull(printer, "printer");
        api = new DashboardApi(gateway, board, mqtt, backups);
        events.changed(PenBoard.PENS);
    }

    /** Where it can be opened: {@code http://127.0.0.1:8421/}. */
    public URI url() {
        return URI.create("http://" + DashboardSettings.hostPort(settings.address(), port()) + "/");
    }

    /** The port it listens on (the one the system chose, when the configuration said 0). */
    public int port() {
        return door.port();
    }

    /** A line for the log: where it is, and who may use it. */
    public String describe() {
        if (settings.loopbackOnly()) {
            return "dashboard at " + url() + " (this machine only" + (access.tokenRequired() ? ", with a token)" : ")");
        }
        InetAddress any = settings.address();
        return "dashboard at " + url() + (any.isAnyLocalAddress() ? " (every network interface" : " (the network")
                + ", with the token from " + settings.tokenFile().orElseThrow() + ")";
    }

    int openEventStreams() {
        return events.openStreams();
    }

    @Override
    public void close() {
        door.close();
        events.close();
        server.stop(0);
        workers.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        boolean streaming = false;
        try {
            streaming = route(exchange);
        } catch (ApiException e) {
            json(exchange, e.status(), error(e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            log.debug(
                    "dashboard request {} failed: {}", exchange.getRequestURI().getRawPath(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("dashboard request {} failed", exchange.getRequestURI().getRawPath(), e);
            json(exchange, 500, error("the gateway could not answer: " + e.getMessage()));
        } finally {
            if (!streaming) {
                exchange.close();
            }
        }
    }

    /** @return true when the exchange became an event stream and must stay open */
    private boolean route(HttpExchange exchange) throws IOException {
        secure(exchange.getResponseHeaders());
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Headers request = exchange.getRequestHeaders();
        Optional<InetAddress> client = door.clientOf(exchange.getRemoteAddress());
        if (client.isEmpty()) {
            // Straight to the server's own port, past the door and its limits: not a way in.
            text(exchange, 403, "The needleguard dashboard is at " + url() + "\n");
            return false;
        }
        switch (access.check(
                client.get(),
                request.getFirst("Host"),
                path,
                request.getFirst("Authorization"),
                request.get("Cookie"))) {
            case NOT_THIS_MACHINE -> {
                text(
                        exchange,
                        403,
                        "The needleguard dashboard answers this machine only (dashboard.listen is " + settings.listen()
                                + ").\n");
                return false;
            }
            case WRONG_HOST -> {
                text(
                        exchange,
                        403,
                        "The needleguard dashboard answers only as " + url() + " (this request named " + "the host "
                                + Quote.of(String.valueOf(request.getFirst("Host"))) + ").\n");
                return false;
            }
            case LOG_IN -> {
                if (path.startsWith("/api/")) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"needleguard\"");
                    json(
                            exchange,
                            401,
                            error("log in at /login, or send 'Authorization: Bearer <token>' with the "
                                    + "token from dashboard.token-file"));
                } else {
                    exchange.getResponseHeaders().set("Location", "/login");
                    exchange.sendResponseHeaders(303, -1);
                }
                return false;
            }
            case ALLOWED -> {
                // go on
            }
        }
        if (path.equals("/login")) {
            login(exchange, method, client.get());
            return false;
        }
        if (path.startsWith("/api/")) {
            return api(exchange, method, path);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            text(exchange, 405, "Only GET here.\n");
            return false;
        }
        Resource file = files.get(path.equals("/") ? "/index.html" : path);
        if (file == null) {
            text(exchange, 404, "Not here: the dashboard is at " + url() + "\n");
            return false;
        }
        send(exchange, 200, file.type(), file.bytes(), file.gzipped());
        return false;
    }

    private void login(HttpExchange exchange, String method, InetAddress client) throws IOException {
        Optional<AccessToken> token = access.token();
        if (token.isEmpty()) {
            exchange.getResponseHeaders().set("Location", "/");
            exchange.sendResponseHeaders(303, -1);
            return;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            send(exchange, 200, "text/html; charset=utf-8", loginPage(""));
            return;
        }
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            text(exchange, 405, "GET or POST here.\n");
            return;
        }
        String form = new String(body(exchange), StandardCharsets.UTF_8);
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
        if (token.get().matches(given)) {
            exchange.getResponseHeaders()
                    .add(
                            "Set-Cookie",
                            Access.COOKIE + "=" + token.get().cookieValue()
                                    + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000");
            exchange.getResponseHeaders().set("Location", "/");
            exchange.sendResponseHeaders(303, -1);
            log.info("dashboard: a browser at {} logged in", client.getHostAddress());
        } else {
            log.warn("dashboard: a login from {} was refused (wrong token)", client.getHostAddress());
            send(
                    exchange,
                    401,
                    "text/html; charset=utf-8",
                    loginPage("That is not the token. It is the first line "
                            + "of the file named by dashboard.token-file."));
        }
    }

    private byte[] loginPage(String problem) {
        String page = new String(files.get("/login.html").bytes(), StandardCharsets.UTF_8);
        return page.replace("<!--problem-->", problem.isEmpty() ? "" : "<p class=\"problem\">" + problem + "</p>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private boolean api(HttpExchange exchange, String method, String path) throws IOException {
        if (path.equals("/api/events")) {
            requireGet(method);
            if (!events.open(exchange)) {
                json(exchange, 503, error("too many open dashboard pages; close one"));
                return false;
            }
            return true;
        }
        DashboardApi data = api;
        if (data == null) {
            throw new ApiException(503, "the gateway is starting; try again in a moment");
        }
        Matcher area = AREA_PATH.matcher(path);
        if (area.matches()) {
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                throw new ApiException(
                        405, "POST {\"area\": \"<id>\"} here to choose the area of the pen's next sessions");
            }
            sameOrigin(exchange);
            JsonNode body;
            try {
                body = SessionJson.MAPPER.readTree(body(exchange));
            } catch (JsonProcessingException e) {
                body = null;
            }
            if (body == null || !body.path("area").isTextual()) {
                throw new ApiException(400, "send {\"area\": \"<id>\"}");
            }
            json(exchange, 200, data.chooseArea(area.group(1), body.get("area").asText()));
            return false;
        }
        Matcher handLog = LOG_PATH.matcher(path);
        if (handLog.matches()) {
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                throw new ApiException(
                        405, "POST {\"area\": \"<id>\", \"depth\": \"<mm>\", ...} here to log a session by hand");
            }
            sameOrigin(exchange);
            // The owner first: an unknown person is 404, as for every other owner's path.
            String owner = data.owner(handLog.group(1)).id();
            // Neither the body nor the refusal is logged: both quote areas, depths and times (health data).
            json(exchange, 201, data.logByHand(HandLogForm.read(body(exchange), owner)));
            return false;
        }
        Matcher report = REPORT_PATH.matcher(path);
        if (report.matches()) {
            requireGet(method);
            var who = data.owner(report.group(1));
            byte[] pdf = printer.pdf(data.report(who, since(exchange)));
            exchange.getResponseHeaders()
                    .set(
                            "Content-Disposition",
                            "attachment; filename=\"needleguard-" + who.id() + "-"
                                    + data.now().atZone(who.zone()).toLocalDate() + ".pdf\"");
            send(exchange, 200, "application/pdf", pdf);
            return false;
        }
        requireGet(method);
        switch (path) {
            case "/api/overview" -> json(exchange, 200, data.overview());
            case "/api/pens" -> json(exchange, 200, data.pens());
            default -> {
                Matcher owner = OWNER_PATH.matcher(path);
                if (!owner.matches()) {
                    throw new ApiException(404, "no such API: " + path + " (src/docs/dashboard.md lists them)");
                }
                var who = data.owner(owner.group(1));
                Optional<LocalDate> since = since(exchange);
                switch (owner.group(2)) {
                    case "today" -> json(exchange, 200, data.today(who));
                    case "sessions" -> json(exchange, 200, data.sessions(who, since));
                    case "limits" -> json(exchange, 200, data.limits(who));
                    case "spacing" -> json(exchange, 200, data.spacing(who, since));
                    case "findings" -> json(exchange, 200, data.findings(who));
                    default ->
                        throw new ApiException(
                                404,
                                "no such API: " + path + "; an owner has today, sessions, limits, spacing, findings");
                }
            }
        }
        return false;
    }

    private static void requireGet(String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new ApiException(405, "the dashboard's API is read-only here: use GET");
        }
    }

    /**
     * A change must come from the dashboard's own page: JSON (which a form on another site cannot send
     * without the browser asking first), and when the browser names an origin, ours.
     */
    private void sameOrigin(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String type = headers.getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "send JSON (Content-Type: application/json)");
        }
        String origin = headers.getFirst("Origin");
        String host = headers.getFirst("Host");
        if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            throw new ApiException(403, "a change must come from the dashboard's own page");
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw new ApiException(403, "a change must come from the dashboard's own page");
        }
    }

    private static Optional<LocalDate> since(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals("since")) {
                try {
                    return Optional.of(LocalDate.parse(kv[1]));
                } catch (DateTimeParseException e) {
                    throw new ApiException(400, "since: " + Quote.of(kv[1]) + " is not a date; use since=2026-01-05");
                }
            }
        }
        return Optional.empty();
    }

    /** The request's body; the door already refused one over the limit, this holds should it ever not. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(RequestHead.MAX_BODY + 1);
            if (bytes.length > RequestHead.MAX_BODY) {
                throw new ApiException(413, RequestHead.tooLarge("more than " + RequestHead.MAX_BODY + " bytes"));
            }
            return bytes;
        }
    }

    /** The headers every answer carries: health data stays in this browser and this page. */
    private static void secure(Headers headers) {
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

    private static JsonNode error(String message) {
        return SessionJson.MAPPER.createObjectNode().put("error", message);
    }

    private static void json(HttpExchange exchange, int status, JsonNode json) {
        try {
            send(exchange, status, "application/json; charset=utf-8", SessionJson.MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            log.debug("could not answer {}: {}", exchange.getRequestURI().getRawPath(), e.getMessage());
        }
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        send(exchange, status, type, bytes, null);
    }

    /** Sends {@code bytes}, gzipped when the browser accepts it ({@code gzipped}: done before, or null). */
    private static void send(HttpExchange exchange, int status, String type, byte[] bytes, byte[] gzipped)
            throws IOException {
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

    // ---------------------------------------------------------------------------------------------

    /** The page and the chart library, read once from the jar. */
    private static Map<String, Resource> files() {
        Map<String, Resource> files = new HashMap<>();
        for (String name : List.of("index.html", "login.html", "app.js", "app.css", "favicon.svg")) {
            files.put("/" + name, new Resource(type(name), resource(WEB + name)));
        }
        String uplot = UPLOT + uplotVersion() + "/dist/";
        files.put("/lib/uPlot.iife.min.js", new Resource(type(".js"), resource("/" + uplot + "uPlot.iife.min.js")));
        files.put("/lib/uPlot.min.css", new Resource(type(".css"), resource("/" + uplot + "uPlot.min.css")));
        return Map.copyOf(files);
    }

    /** The uPlot WebJar's version, from its own Maven metadata: the pom decides it, in one place. */
    static String uplotVersion() {
        Properties properties = new Properties();
        try (InputStream in =
                DashboardServer.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar (org.webjars.npm:uplot) is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the build lacks the dashboard's " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }
}
