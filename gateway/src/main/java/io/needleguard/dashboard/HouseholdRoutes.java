package io.needleguard.dashboard;

import com.sun.net.httpserver.HttpExchange;
import io.needleguard.text.Quote;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests that set the household up ({@link HouseholdEditor}): under the same rules as every other
 * change ({@link ChangeRoutes#sameOrigin}, JSON read strictly), answered with what was changed, or a
 * refusal naming the form's field it is about.
 */
final class HouseholdRoutes {

    private static final String ID = "([a-z0-9][a-z0-9-]{0,31})";
    private static final Pattern PERSON = Pattern.compile("/api/people/" + ID);
    private static final Pattern DEVICE = Pattern.compile("/api/devices/" + ID);
    private static final Pattern PEN_OWNER = Pattern.compile("/api/pens/([\\x21-\\x7e&&[^/]]{1,16})/owner");

    private HouseholdRoutes() {}

    /** Every method on these paths is a change (a read of one is told to POST). */
    static boolean isChange(String path) {
        return path.equals("/api/people")
                || path.equals("/api/devices")
                || PERSON.matcher(path).matches()
                || DEVICE.matcher(path).matches()
                || PEN_OWNER.matcher(path).matches();
    }

    static void handle(HttpExchange exchange, String method, String path, HouseholdEditor household)
            throws IOException {
        Matcher m;
        if (path.equals("/api/people")) {
            ChangeRoutes.only(exchange, method, "POST", "POST {\"id\": \"sam\", ...} here to add a person");
            JsonForm form = ChangeRoutes.form(
                    exchange,
                    HouseholdEditor.ADD_PERSON,
                    "{\"id\": \"sam\", \"name\": \"Sam\", \"zone\": \"Europe/Berlin\"}");
            Replies.json(exchange, 201, household.addPerson(form));
        } else if ((m = PERSON.matcher(path)).matches()) {
            if (method.equals("DELETE")) {
                Replies.json(exchange, 200, household.removePerson(m.group(1), emptyForm(exchange)));
                return;
            }
            ChangeRoutes.only(exchange, method, "POST", "POST {\"name\": ...} here to change the person, or DELETE");
            JsonForm form = ChangeRoutes.form(exchange, HouseholdEditor.EDIT_PERSON, "{\"name\": \"Sam\"}");
            Replies.json(exchange, 200, household.editPerson(m.group(1), form));
        } else if ((m = PEN_OWNER.matcher(path)).matches()) {
            ChangeRoutes.only(exchange, method, "POST", "POST {\"owner\": \"<id>\"} here to choose whose the pen is");
            JsonForm form = ChangeRoutes.form(exchange, HouseholdEditor.PEN_OWNER, "{\"owner\": \"sam\"}");
            Replies.json(exchange, 200, household.setPenOwner(m.group(1), form));
        } else if (path.equals("/api/devices")) {
            ChangeRoutes.only(exchange, method, "POST", "POST {\"id\": \"roller-1\", ...} here to add a device");
            JsonForm form = ChangeRoutes.form(
                    exchange,
                    HouseholdEditor.ADD_DEVICE,
                    "{\"id\": \"roller-1\", \"kind\": \"roller\", \"owner\": \"sam\", \"needleLength\": \"0.5\"}");
            Replies.json(exchange, 201, household.addDevice(form));
        } else if ((m = DEVICE.matcher(path)).matches()) {
            if (method.equals("DELETE")) {
                Replies.json(exchange, 200, household.removeDevice(m.group(1), emptyForm(exchange)));
                return;
            }
            ChangeRoutes.only(exchange, method, "POST", "POST {\"owner\": ...} here to change the device, or DELETE");
            JsonForm form = ChangeRoutes.form(exchange, HouseholdEditor.EDIT_DEVICE, "{\"owner\": \"sam\"}");
            Replies.json(exchange, 200, household.editDevice(m.group(1), form));
        } else {
            throw new ApiException(404, "no such API: " + Quote.of(path) + " (src/docs/dashboard.md lists them)");
        }
    }

    /** A DELETE carries {} as JSON, so that another site's form cannot send it either. */
    private static JsonForm emptyForm(HttpExchange exchange) throws IOException {
        return ChangeRoutes.form(exchange, List.of(), "{}");
    }
}
