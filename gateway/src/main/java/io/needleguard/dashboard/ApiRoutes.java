package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.text.Quote;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON API under {@code /api/}: the live events, what the page reads, and (through {@link ChangeRoutes})
 * what it changes. Answers 503 until the dashboard is given the gateway's ports.
 */
final class ApiRoutes {

    private static final Pattern OWNER_PATH = Pattern.compile("/api/owners/([a-z0-9][a-z0-9-]{0,31})/([a-z]+)");
    private static final Pattern REPORT_PATH = Pattern.compile("/api/owners/([a-z0-9][a-z0-9-]{0,31})/report\\.pdf");

    private final EventStream events;
    private final Supplier<DashboardApi> api;

    ApiRoutes(EventStream events, Supplier<DashboardApi> api) {
        this.events = events;
        this.api = api;
    }

    /** @return true when the exchange became an event stream and must stay open */
    boolean handle(HttpExchange exchange, String method, String path) throws IOException {
        if (path.equals("/api/events")) {
            requireGet(method);
            if (!events.open(exchange)) {
                Replies.json(exchange, 503, Replies.error("too many open dashboard pages; close one"));
                return false;
            }
            return true;
        }
        DashboardApi data = api.get();
        if (data == null) {
            throw new ApiException(503, "the gateway is starting; try again in a moment");
        }
        if (HouseholdRoutes.isChange(path)) {
            HouseholdRoutes.handle(exchange, method, path, data.household());
            return false;
        }
        if (ChangeRoutes.isChange(method, path)) {
            ChangeRoutes.handle(exchange, method, path, data);
            return false;
        }
        requireGet(method);
        Matcher report = REPORT_PATH.matcher(path);
        if (report.matches()) {
            report(exchange, data, data.people().owner(report.group(1)));
            return false;
        }
        switch (path) {
            case "/api/overview" -> Replies.json(exchange, 200, data.people().overview());
            case "/api/pens" -> Replies.json(exchange, 200, data.pens().pens());
            case "/api/pens/nearby" -> Replies.json(exchange, 200, nearby(data.pairing()));
            case "/api/household" ->
                Replies.json(exchange, 200, data.household().household());
            default -> {
                Matcher owner = OWNER_PATH.matcher(path);
                if (!owner.matches()) {
                    throw new ApiException(
                            404, "no such API: " + Quote.of(path) + " (src/docs/dashboard.md lists them)");
                }
                Owner who = data.people().owner(owner.group(1));
                Optional<LocalDate> since = since(exchange);
                OwnerViews views = data.views();
                switch (owner.group(2)) {
                    case "today" -> Replies.json(exchange, 200, views.today(who));
                    case "sessions" -> Replies.json(exchange, 200, views.sessions(who, since));
                    case "limits" -> Replies.json(exchange, 200, views.limits(who));
                    case "spacing" -> Replies.json(exchange, 200, views.spacing(who, since));
                    case "findings" -> Replies.json(exchange, 200, views.findings(who));
                    case "conditions" ->
                        Replies.json(exchange, 200, data.conditions().list(who));
                    default ->
                        throw new ApiException(
                                404,
                                "no such API: " + Quote.of(path)
                                        + "; an owner has today, sessions, limits, spacing, findings, conditions");
                }
            }
        }
        return false;
    }

    private static void report(HttpExchange exchange, DashboardApi data, Owner who) throws IOException {
        byte[] pdf = data.printer().pdf(data.people().report(who, since(exchange)));
        exchange.getResponseHeaders()
                .set(
                        "Content-Disposition",
                        "attachment; filename=\"needleguard-" + who.id() + "-"
                                + data.people().now().atZone(who.zone()).toLocalDate() + ".pdf\"");
        Replies.send(exchange, 200, "application/pdf", pdf);
    }

    /** {@code GET /api/pens/nearby}: the pens the gateway sees advertising and does not record. */
    private static ObjectNode nearby(PenPairing pairing) {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("available", pairing.available());
        ArrayNode pens = json.putArray("pens");
        pairing.nearby()
                .forEach(p -> pens.addObject()
                        .put("serial", p.serial())
                        .put("address", p.address())
                        .put("rssi", p.rssi()));
        return json;
    }

    private static void requireGet(String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new ApiException(405, "the dashboard's API is read-only here: use GET");
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
}
