package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.history.HandEntry;
import io.needleguard.history.HandLog;
import io.needleguard.history.RefusedEntry;
import io.needleguard.json.SessionJson;
import io.needleguard.rules.NextSafe;
import java.time.ZoneId;

/**
 * {@code POST /api/owners/{id}/log}: a session logged by hand, through the gateway's {@link HandLog} as
 * {@code needleguard log} and the MQTT log command do.
 */
final class HandLogged {

    private final HistoryReads history;
    private final HistoryChanges changes;

    HandLogged(HistoryReads history, HistoryChanges changes) {
        this.history = history;
        this.changes = changes;
    }

    /**
     * {@code POST /api/owners/{id}/log}: a session logged by hand for the entry's owner, through the gateway's
     * {@link HandLog} (judged, stored and published as {@code needleguard log} does it, and told to the
     * gateway's listeners). The answer is the session as {@code history --format json} prints it, with its
     * findings, when its area is next safe, and the later sessions judged again because of it.
     *
     * @throws ApiException 400 with the hand log's own words when the entry cannot be a session
     */
    ObjectNode logByHand(HandEntry entry) {
        HandLog.Logged logged;
        try {
            logged = changes.logByHand(entry);
        } catch (RefusedEntry e) {
            throw new ApiException(400, e.getMessage());
        }
        ZoneId zone = OwnerViews.zoneOfSessions(history, logged.owner());
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.set("session", SessionJson.toJson(logged.session(), zone));
        json.put("safeNow", logged.next().isEmpty());
        if (logged.next().isPresent()) {
            NextSafe next = logged.next().get();
            json.putObject("nextSafe")
                    .put("at", next.at().map(t -> SessionJson.time(t, zone)).orElse(null))
                    .put("rule", next.rule())
                    .put("reason", next.reason());
        } else {
            json.putNull("nextSafe");
        }
        ArrayNode rejudged = json.putArray("rejudged");
        logged.rejudged().forEach(r -> rejudged.add(SessionJson.toJson(r, zone)));
        return json;
    }
}
