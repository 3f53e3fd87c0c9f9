package io.needleguard.dashboard;

import com.sun.net.httpserver.HttpServer;
import io.needleguard.backup.BackupStatus;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.threads.DaemonThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

    static final String CSP = Replies.CSP;
    /**
     * Threads that answer requests. A request reaches them only once it has arrived whole (the
     * {@link FrontDoor} reads it), so they do not wait for clients to send; one client, holding at most
     * {@link FrontDoor.Limits#perClient} connections, can keep at most that many busy (reading an answer
     * slowly), and the rest serve everyone else. Made when needed, gone after a minute without work.
     */
    private static final int WORKERS = 2 * FrontDoor.Limits.STANDARD.perClient();

    private final DashboardSettings settings;
    private final Access access;
    private final FrontDoor door;
    private final HttpServer server;
    private final ExecutorService workers;
    private final EventStream events = new EventStream();
    private final PenBoard board = new PenBoard(events::changed);
    private volatile DashboardApi api;

    private DashboardServer(
            DashboardSettings settings,
            Optional<AccessToken> token,
            FrontDoor door,
            HttpServer server,
            ExecutorService workers) {
        this.settings = settings;
        this.access = new Access(settings.loopbackOnly(), token, door.port());
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
        PageFiles files = PageFiles.fromTheBuild();
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
        DashboardServer dashboard = new DashboardServer(settings, token, door, server, workers);
        Router router = new Router(
                door,
                dashboard.access,
                settings.listen(),
                dashboard::url,
                files,
                new ApiRoutes(dashboard.events, () -> dashboard.api));
        server.createContext("/", router::handle);
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
        serve(DashboardPorts.of(gateway), mqtt, printer, backups);
    }

    /**
     * Starts answering through {@code ports}: what the page reads and changes, wired by whoever started the
     * dashboard (the command line: over the running gateway, with pairing through its Bluetooth backend).
     */
    public void serve(DashboardPorts ports, MqttState mqtt, ReportPrinter printer, Supplier<BackupStatus> backups) {
        board.useClock(ports.gateway().clock());
        api = DashboardApi.over(
                ports,
                board,
                Objects.requireNonNull(mqtt, "mqtt"),
                Objects.requireNonNull(backups, "backups"),
                Objects.requireNonNull(printer, "printer"));
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
}
