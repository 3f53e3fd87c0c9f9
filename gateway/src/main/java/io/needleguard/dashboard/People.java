package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.household.Condition;
import io.needleguard.household.Device;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.person.ClinicianReport;
import io.needleguard.person.ClinicianReports;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The people the page shows (`/api/overview`), one of them by id, and what a clinician's report of them holds. */
final class People {

    private final GatewayReads gateway;
    private final HistoryReads history;

    People(GatewayReads gateway, HistoryReads history) {
        this.gateway = gateway;
        this.history = history;
    }

    /** {@code /api/owners/{id}/report.pdf}: what the clinician's report holds, as {@code needleguard report} makes it. */
    ClinicianReport report(Owner owner, Optional<LocalDate> since) {
        return ClinicianReports.of(
                owner, history.sessions(), history.conditions(), gateway.rules().settingsFor(owner), since, now());
    }

    Instant now() {
        return gateway.clock().instant();
    }

    /** The people to show: those configured or found in the history; the implicit {@code me} only if used. */
    List<Owner> owners() {
        List<Owner> configured = gateway.household().owners();
        List<Owner> shown = new ArrayList<>();
        for (Owner o : configured) {
            boolean implicitDefault = o.id().equals(Owner.DEFAULT_ID) && configured.size() > 1;
            if (!implicitDefault || used(o.id())) {
                shown.add(o);
            }
        }
        Set<String> ids = new TreeSet<>(shown.stream().map(Owner::id).toList());
        history.sessions().ownerZones().forEach((id, zone) -> {
            if (!ids.contains(id) && gateway.household().owner(id).isEmpty() && used(id)) {
                shown.add(new Owner(id, zone));
            }
        });
        return shown;
    }

    private boolean used(String owner) {
        return !history.conditions().conditions(owner).isEmpty()
                || !history.sessions()
                        .ownerSessions(owner, Instant.EPOCH, Instant.MAX)
                        .isEmpty();
    }

    Owner owner(String id) {
        return owners().stream()
                .filter(o -> o.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        404,
                        "no owner '" + id + "'; known: "
                                + String.join(
                                        ", ", owners().stream().map(Owner::id).toList())));
    }

    /** {@code /api/overview}: now, the people, the area ids. */
    ObjectNode overview() {
        Instant now = now();
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        json.put("now", now.toString());
        ArrayNode owners = json.putArray("owners");
        for (Owner o : owners()) {
            owners.addObject()
                    .put("id", o.id())
                    .put("zone", o.zone().getId())
                    .put("now", SessionJson.time(now, o.zone()))
                    .put("skinType", o.skinType().map(t -> t.id()).orElse(null));
        }
        // For the Set up view's list of conditions.
        ArrayNode kinds = json.putArray("conditionKinds");
        for (Condition c : Condition.values()) {
            kinds.add(c.id());
        }
        ArrayNode areas = json.putArray("areas");
        for (Area a : Area.values()) {
            areas.add(a.id());
        }
        // For the form that logs a session by hand: a roller brings its depth, a device its owner.
        ArrayNode devices = json.putArray("devices");
        for (Device d : gateway.household().devices()) {
            devices.addObject()
                    .put("id", d.id())
                    .put("kind", d.kind().id())
                    .put("owner", d.owner())
                    .put("needleLengthMm", d.needleLength().map(Depth::mm).orElse(null));
        }
        return json;
    }
}
