package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.needleguard.history.RefusedEntry;
import io.needleguard.history.SessionRecorder;
import io.needleguard.json.SessionJson;
import io.needleguard.session.SessionId;
import io.needleguard.text.Quote;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests that change something: each only from the dashboard's own page ({@link #sameOrigin}), with a
 * JSON body read strictly ({@link JsonForm}); what they change goes through the same domain APIs as the
 * command line's. Neither the bodies nor the refusals are logged: they quote areas, depths, conditions
 * and times (health data).
 */
final class ChangeRoutes {

    private static final String OWNER = "/api/owners/([a-z0-9][a-z0-9-]{0,31})";
    private static final String SERIAL = "([\\x21-\\x7e&&[^/]]{1,16})";
    private static final Pattern AREA = Pattern.compile("/api/pens/" + SERIAL + "/area");
    private static final Pattern PERSON = Pattern.compile("/api/pens/" + SERIAL + "/person");
    /** A session id as the page writes it in a path: SERIAL:COUNTER (the colon raw or %3A) or hand-N. */
    private static final Pattern SESSION_OWNER = Pattern.compile("/api/sessions/([\\x21-\\x7e&&[^/]]{1,48})/owner");

    private static final Pattern LOG = Pattern.compile(OWNER + "/log");
    private static final Pattern CONDITIONS = Pattern.compile(OWNER + "/conditions");
    private static final Pattern END_CONDITION = Pattern.compile("/api/conditions/([0-9]{1,18})/end");
    private static final Pattern PEN = Pattern.compile("/api/pens/" + SERIAL);

    private ChangeRoutes() {}

    /** Whether {@code method} on {@code path} is a change this API makes (else it is a read, or nothing). */
    static boolean isChange(String method, String path) {
        if (AREA.matcher(path).matches()
                || PERSON.matcher(path).matches()
                || SESSION_OWNER.matcher(path).matches()
                || LOG.matcher(path).matches()
                || END_CONDITION.matcher(path).matches()) {
            return true;
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        return !read
                && (CONDITIONS.matcher(path).matches()
                        || path.equals("/api/pens")
                        || PEN.matcher(path).matches() && !path.equals("/api/pens/nearby"));
    }

    static void handle(HttpExchange exchange, String method, String path, DashboardApi api) throws IOException {
        Matcher m;
        if ((m = AREA.matcher(path)).matches()) {
            only(
                    exchange,
                    method,
                    "POST",
                    "POST {\"area\": \"<id>\"} here to choose the area of the pen's next sessions");
            JsonForm form = form(exchange, List.of("area"), "{\"area\": \"neck\"}");
            String area = form.text("area").orElseThrow(() -> new ApiException(400, "send {\"area\": \"<id>\"}"));
            Replies.json(exchange, 200, api.pens().chooseArea(m.group(1), area));
        } else if ((m = PERSON.matcher(path)).matches()) {
            only(
                    exchange,
                    method,
                    "POST",
                    "POST {\"person\": \"<id>\"} here to choose who the pen's next session is for");
            JsonForm form = form(exchange, List.of("person"), "{\"person\": \"sam\"}");
            String person =
                    form.required("person", "who the pen's next session is for (a person id; its owner gives it back)");
            Replies.json(exchange, 200, api.pens().lend(m.group(1), person));
        } else if ((m = SESSION_OWNER.matcher(path)).matches()) {
            only(exchange, method, "POST", "POST {\"owner\": \"<id>\"} here to give the session to another person");
            JsonForm form = form(exchange, List.of("owner"), "{\"owner\": \"sam\"}");
            String owner = form.required("owner", "whom the session is for (a person id)");
            Replies.json(exchange, 200, assign(api, m.group(1), owner));
        } else if ((m = LOG.matcher(path)).matches()) {
            only(
                    exchange,
                    method,
                    "POST",
                    "POST {\"area\": \"<id>\", \"depth\": \"<mm>\", ...} here to log a session by hand");
            sameOrigin(exchange);
            // The owner first: an unknown person is 404, as for every other owner's path.
            String owner = api.people().owner(m.group(1)).id();
            Replies.json(exchange, 201, api.handLog().logByHand(HandLogForm.read(Replies.body(exchange), owner)));
        } else if ((m = CONDITIONS.matcher(path)).matches()) {
            only(exchange, method, "POST", "GET the conditions here, or POST {\"condition\": \"sunburn\"} to add one");
            sameOrigin(exchange);
            var owner = api.people().owner(m.group(1));
            JsonForm form = JsonForm.read(
                    Replies.body(exchange),
                    Conditions.ADD_FIELDS,
                    "one JSON object such as {\"condition\": \"sunburn\", \"from\": \"2026-01-24\"}");
            Replies.json(exchange, 201, api.conditions().add(owner, form));
        } else if ((m = END_CONDITION.matcher(path)).matches()) {
            only(exchange, method, "POST", "POST {\"on\": \"<last day>\"} here to end the condition");
            JsonForm form = form(exchange, Conditions.END_FIELDS, "{\"on\": \"2026-02-01\"}");
            Replies.json(exchange, 200, api.conditions().end(Long.parseLong(m.group(1)), form, api.people()));
        } else if (path.equals("/api/pens")) {
            only(exchange, method, "POST", "POST {\"serial\": \"<serial>\"} here to pair a pen nearby");
            JsonForm form = form(exchange, List.of("serial"), "{\"serial\": \"NG-00412\"}");
            String serial = form.required("serial", "which pen (its serial, as the list of pens nearby shows it)");
            PenPairing.Paired paired = pairing(() -> api.pairing().pair(serial));
            ObjectNode json = SessionJson.MAPPER
                    .createObjectNode()
                    .put("serial", paired.serial())
                    .put("address", paired.address())
                    .put("model", paired.model())
                    .put("firmware", paired.firmware());
            Replies.json(exchange, 201, json);
        } else if ((m = PEN.matcher(path)).matches()) {
            only(exchange, method, "DELETE", "DELETE here (with {}) to forget the pen");
            form(exchange, List.of(), "{}");
            String serial = m.group(1);
            if (!api.control().recordedPens().contains(serial)) {
                throw new ApiException(
                        404,
                        "pen " + Quote.of(serial) + " is not paired with this gateway; paired: "
                                + String.join(", ", new TreeSet<>(api.control().recordedPens())));
            }
            if (!pairing(() -> api.pairing().forget(serial))) {
                throw new ApiException(
                        409, "pen " + serial + " has no pairing to forget: this gateway records it without one");
            }
            Replies.json(exchange, 200, SessionJson.MAPPER.createObjectNode().put("forgotten", serial));
        } else {
            throw new ApiException(404, "no such API: " + Quote.of(path) + " (src/docs/dashboard.md lists them)");
        }
    }

    /** As {@code needleguard history assign}: the session as it is now, and the sessions judged again. */
    private static ObjectNode assign(DashboardApi api, String rawId, String owner) {
        SessionId id;
        try {
            id = SessionId.parse(URLDecoder.decode(rawId, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        SessionRecorder.Assignment done;
        try {
            done = api.changes().assign(id, owner);
        } catch (RefusedEntry e) {
            throw new ApiException(409, e.getMessage());
        }
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("was", done.before().session().owner());
        json.set(
                "session",
                SessionJson.toJson(done.now(), api.people().owner(owner).zone()));
        var rejudged = json.putArray("rejudged");
        done.rejudged()
                .forEach(r -> rejudged.add(
                        SessionJson.toJson(r, zoneOf(api, r.session().owner()))));
        return json;
    }

    /** A person's zone; a former person's (no longer listed) is the dashboard's own. */
    private static java.time.ZoneId zoneOf(DashboardApi api, String id) {
        return api.people().owners().stream()
                .filter(o -> o.id().equals(id))
                .map(io.needleguard.household.Owner::zone)
                .findFirst()
                .orElse(java.time.ZoneId.systemDefault());
    }

    private static <T> T pairing(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (PenPairing.Refused e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    static JsonForm form(HttpExchange exchange, List<String> fields, String example) throws IOException {
        sameOrigin(exchange);
        return JsonForm.read(Replies.body(exchange), fields, example);
    }

    static void only(HttpExchange exchange, String method, String allowed, String how) {
        if (!method.equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new ApiException(405, how);
        }
    }

    /**
     * A change must come from the dashboard's own page: JSON (which a form on another site cannot send
     * without the browser asking first, and this server never answers that question), and when the browser
     * names an origin or the site a request comes from, ours.
     */
    static void sameOrigin(HttpExchange exchange) {
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
}
