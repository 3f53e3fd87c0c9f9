package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.link.PenAllowlist;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.session.Depth;
import io.needleguard.testing.CpuBudget;
import io.needleguard.testing.HostileInput;
import io.needleguard.testing.TestClock;
import io.needleguard.text.Quote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The dashboard's API over real HTTP, against request bodies and headers anyone who can reach it could
 * send: logging a session ({@code POST /api/owners/{id}/log}) with numbers such as 1e300000000, dates a
 * thousand years off, control characters; choosing an area with anything for an area; listings with any
 * {@code since=}; hostile Host, Authorization, Cookie, Content-Type and Origin headers. Every request is
 * answered within {@link CpuBudget#PER_INPUT} of the dashboard's CPU time (its HTTP threads, measured with
 * ThreadMXBean), never with a 500, and a refusal's body is bounded in size. Requests are whole (the headers
 * end, the body is as long as it says): how long the server waits for a half-sent one is another matter.
 */
class DashboardFuzzTest {

    /** The longest refusal the API may answer with, whatever it was sent. */
    static final int LONGEST_REFUSAL = 8 * 1024;

    /** A body longer than the dashboard reads (4 KB) is cut here: how it refuses the rest is tested elsewhere. */
    private static final int LONGEST_BODY = 4096;

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Answer(int status, String body, Duration cpu) {}

    static final class Server {
        final TestClock clock = new TestClock(Instant.parse("2026-11-28T20:00:00Z"));
        final MemoryOutbox outbox = new MemoryOutbox();
        final DashboardServer dashboard;
        final Gateway gateway;
        /** Counts what was measured (the dashboard's threads, not this one) for the summary. */
        final CpuBudget figures = new CpuBudget();

        Server() throws Exception {
            InMemoryHistory history = new InMemoryHistory();
            Household household = new Household(
                    List.of(new Owner("alex", BERLIN)),
                    Map.of("PEN-1", "alex"),
                    List.of(new Device("roller-1", Device.Kind.ROLLER, "alex", Optional.of(Depth.ofMm("0.5")))),
                    BERLIN);
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            dashboard = DashboardServer.start(DashboardSettings.loopback(0));
            history.transactions().with(outbox);
            gateway = dashboard
                    .wire(Gateway.builder()
                            .clock(clock)
                            .changeLog(new OutboxChangeLog(
                                    new Messages(new Topics("needleguard"), household::zoneOf), outbox))
                            .backend(new NoPens())
                            .history(history.history())
                            .household(household)
                            .allowlist(PenAllowlist.serials(Set.of("PEN-1")::contains))
                            .pens(() -> Set.of("PEN-1")))
                    .build();
            dashboard.serve(gateway, MqttState.of("tcp://broker:1883", () -> true, () -> 0));
            gateway.start();
            // What is measured is the answer, not the JVM loading and compiling the classes it uses.
            for (int i = 0; i < 200; i++) {
                send("POST", "/api/owners/alex/log", json(), "{\"area\": \"cheek\", \"depth\": 1e300000000}");
                send("POST", "/api/pens/PEN-1/area", json(), "{\"area\": \"cheek\"}");
                send("GET", "/api/owners/alex/sessions?since=1970-01-01", List.of(), "");
                send("GET", "/api/owners/alex/today", List.of("Host: elsewhere"), "");
            }
        }

        /** One whole request on a connection of its own; the answer, and the CPU the dashboard spent on it. */
        Answer send(String method, String target, List<String> headers, String body) {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head =
                    new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (headers.stream().noneMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5))) {
                head.append("Host: ").append(dashboard.url().getAuthority()).append("\r\n");
            }
            headers.forEach(h -> head.append(h).append("\r\n"));
            head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
            long before = dashboardCpu();
            try (Socket socket =
                    new Socket(dashboard.url().getHost(), dashboard.url().getPort())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(content);
                out.flush();
                byte[] answer = readAll(socket.getInputStream());
                Duration cpu = Duration.ofNanos(dashboardCpu() - before);
                String text = new String(answer, StandardCharsets.UTF_8);
                int status = Integer.parseInt(text.substring(9, 12));
                int bodyAt = text.indexOf("\r\n\r\n");
                return new Answer(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4), cpu);
            } catch (IOException | RuntimeException e) {
                return fail(Quote.brief(method + " " + target + " " + headers + " " + body, 300) + ": " + e);
            }
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }

        /** The CPU time of the dashboard's threads: the JDK server's dispatcher and the request workers. */
        private static long dashboardCpu() {
            long total = 0;
            for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (t != null
                        && (t.getThreadName().equals("dashboard-http")
                                || t.getThreadName().startsWith("HTTP-Dispatcher"))) {
                    total += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
                }
            }
            return total;
        }

        /** Answered within the budget, never with a failure, a refusal bounded. */
        Answer check(String method, String target, List<String> headers, String body) {
            String what = Quote.brief(method + " " + target + " " + headers + " " + body, 300);
            Answer a = send(
                    method, target, headers, body.length() > LONGEST_BODY ? body.substring(0, LONGEST_BODY) : body);
            figures.record(what, a.cpu());
            assertTrue(
                    a.cpu().compareTo(CpuBudget.PER_INPUT) <= 0,
                    "took " + a.cpu().toMillis() + " ms of CPU: " + what);
            assertTrue(a.status() != 500 && a.status() < 600, "answered " + a.status() + " " + a.body() + ": " + what);
            if (a.status() >= 400) {
                assertTrue(
                        a.body().length() <= LONGEST_REFUSAL,
                        "refused in " + a.body().length() + " characters: " + what);
            }
            outbox.oldest(Integer.MAX_VALUE).forEach(e -> outbox.acknowledge(e.id()));
            clock.advance(Duration.ofMinutes(1));
            return a;
        }

        void close() {
            System.out.println("dashboard requests: " + figures.summary());
            figures.close();
            gateway.close();
            dashboard.close();
        }
    }

    static List<String> json() {
        return List.of("Content-Type: application/json");
    }

    private static Server server;

    @BeforeContainer
    static void start() throws Exception {
        server = new Server();
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Example
    void aDepthOfAbsurdSizeIsRefusedAtOnceWithAShortAnswer() {
        // Used to keep both workers computing for minutes: the dashboard answered nobody meanwhile.
        for (String depth : List.of("1e300000000", "\"1e300000000\"", "1e5000000", "-1e-999999999")) {
            Answer a = server.check(
                    "POST", "/api/owners/alex/log", json(), "{\"area\": \"neck\", \"depth\": " + depth + "}");
            assertEquals(400, a.status(), a.body());
            assertTrue(a.body().contains("mm is out of range") || a.body().contains("cannot be set"), a.body());
        }
        Answer past = server.check(
                "POST",
                "/api/owners/alex/log",
                json(),
                "{\"area\": \"neck\", \"depth\": \"0.5\", \"at\": \"1970-01-01T00:00\"}");
        assertEquals(400, past.status(), past.body());
        assertTrue(past.body().contains("1970-01-01 is before 2000-01-01"), past.body());
    }

    // Shrinking is off: a try that hangs would be tried again and again in smaller forms, each for 30 s.
    @Property(tries = 400, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everySessionLoggedOrRefusedPromptly(
            @ForAll("owners") String owner, @ForAll("forms") String body, @ForAll("headers") List<String> headers) {
        List<String> all = new ArrayList<>(json());
        all.addAll(headers);
        server.check("POST", "/api/owners/" + owner + "/log", all, body);
    }

    @Property(tries = 150, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyAreaChosenOrRefusedPromptly(@ForAll("pens") String pen, @ForAll("areaBodies") String body) {
        server.check("POST", "/api/pens/" + pen + "/area", json(), body);
    }

    @Property(tries = 150, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyListingAnsweredPromptly(
            @ForAll("listings") String listing,
            @ForAll("since") String since,
            @ForAll("headers") List<String> headers) {
        server.check("GET", "/api/owners/alex/" + listing + "?since=" + since, headers, "");
    }

    @Provide
    static Arbitrary<String> owners() {
        return Arbitraries.oneOf(Arbitraries.of("alex"), Arbitraries.of("alex"), pathSegments());
    }

    @Provide
    static Arbitrary<String> pens() {
        return Arbitraries.oneOf(Arbitraries.of("PEN-1"), pathSegments());
    }

    private static Arbitrary<String> pathSegments() {
        return HostileInput.texts().map(t -> URLEncoder.encode(start(t, 2_000), StandardCharsets.UTF_8));
    }

    @Provide
    static Arbitrary<String> forms() {
        return Arbitraries.oneOf(
                Combinators.combine(
                                Arbitraries.oneOf(Arbitraries.of("cheeks", "neck"), HostileInput.texts()),
                                Arbitraries.oneOf(
                                        Arbitraries.of("\"0.5\"", "0.25"),
                                        HostileInput.numbers(),
                                        HostileInput.numbers().map(HostileInput::jsonString)),
                                Arbitraries.oneOf(Arbitraries.of("10m"), HostileInput.durations()),
                                Arbitraries.oneOf(Arbitraries.of("2026-11-28T19:00"), HostileInput.dates()),
                                Arbitraries.oneOf(Arbitraries.of("C-12", ""), HostileInput.texts()))
                        .as((area, depth, duration, at, cartridge) -> "{\"area\": " + HostileInput.jsonString(area)
                                + ", \"depth\": " + depth + ", \"duration\": " + HostileInput.jsonString(duration)
                                + ", \"at\": " + HostileInput.jsonString(at) + ", \"cartridge\": "
                                + HostileInput.jsonString(cartridge) + "}"),
                HostileInput.jsonObjects(HandLogForm.FIELDS));
    }

    @Provide
    static Arbitrary<String> areaBodies() {
        return Arbitraries.oneOf(
                HostileInput.texts().map(t -> "{\"area\": " + HostileInput.jsonString(t) + "}"),
                HostileInput.jsonObjects(List.of("area")));
    }

    @Provide
    static Arbitrary<String> listings() {
        return Arbitraries.of("sessions", "spacing", "today", "limits", "findings", "nothing");
    }

    @Provide
    static Arbitrary<String> since() {
        return Arbitraries.oneOf(HostileInput.dates(), HostileInput.texts())
                .map(t -> URLEncoder.encode(start(t, 2_000), StandardCharsets.UTF_8));
    }

    private static String start(String text, int longest) {
        return text.length() <= longest ? text : text.substring(0, longest);
    }

    /** Headers with hostile values: Host, Authorization, Cookie, Origin, Sec-Fetch-Site, others. */
    @Provide
    static Arbitrary<List<String>> headers() {
        Arbitrary<String> value = HostileInput.texts().map(t -> start(t, 4_000).replaceAll("[\\r\\n]", " "));
        Arbitrary<String> header = Combinators.combine(
                        Arbitraries.of(
                                "Host", "Authorization", "Cookie", "Origin", "Sec-Fetch-Site", "Content-Type", "X-Any"),
                        value)
                .as((name, v) -> name + ": " + v);
        return Arbitraries.oneOf(Arbitraries.just(List.of()), header.list().ofMaxSize(4));
    }
}
