package io.needleguard.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.Owner;
import io.needleguard.household.Person;
import io.needleguard.household.RefusedChange;
import io.needleguard.household.SkinType;
import io.needleguard.json.SessionJson;
import io.needleguard.session.Depth;
import io.needleguard.text.Quote;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The household as the Set up view shows and changes it: people (added, renamed, their zone and skin type,
 * removed), each pen's owner, and the devices without Bluetooth, through {@link HouseholdChanges} as the
 * command line's {@code owner}, {@code pens owner} and {@code device} do. What the configuration file lists
 * is shown as set there; changing it is refused with the file's name. A refusal names the form's field it
 * is about, so that the page marks that field.
 */
final class HouseholdEditor {

    static final List<String> ADD_PERSON = List.of("id", "name", "zone", "skinType");
    static final List<String> EDIT_PERSON = List.of("name", "zone", "skinType");
    static final List<String> PEN_OWNER = List.of("owner");
    static final List<String> ADD_DEVICE = List.of("id", "kind", "owner", "needleLength");
    static final List<String> EDIT_DEVICE = List.of("kind", "owner", "needleLength");

    private final HouseholdSetup setup;
    private final GatewayReads gateway;
    private final HistoryReads history;
    private final PenControl pens;

    HouseholdEditor(HouseholdSetup setup, GatewayReads gateway, HistoryReads history, PenControl pens) {
        this.setup = setup;
        this.gateway = gateway;
        this.history = history;
        this.pens = pens;
    }

    /** {@code GET /api/household}: who is in it and from where, whose each pen is, the devices. */
    ObjectNode household() {
        ObjectNode json = SessionJson.MAPPER.createObjectNode();
        Optional<HouseholdChanges> found = setup.changes();
        json.put("available", found.isPresent());
        ArrayNode skinTypes = json.putArray("skinTypes");
        for (SkinType t : SkinType.values()) {
            skinTypes.add(t.id());
        }
        ArrayNode kinds = json.putArray("deviceKinds");
        for (Device.Kind k : Device.Kind.values()) {
            kinds.add(k.id());
        }
        if (found.isEmpty()) {
            return json;
        }
        HouseholdChanges changes = found.get();
        Household household = changes.household();
        json.put("file", changes.fileName());
        ArrayNode people = json.putArray("people");
        for (HouseholdChanges.Member m : changes.people()) {
            Owner o = m.owner();
            ObjectNode person = people.addObject()
                    .put("id", o.id())
                    .put("name", m.name())
                    .put("zone", o.zone().getId())
                    .put("skinType", o.skinType().map(SkinType::id).orElse(null))
                    .put(
                            "source",
                            switch (m.source()) {
                                case FILE -> "file";
                                case DATABASE -> "added";
                                case FORMER -> "former";
                            })
                    .put("removedAt", m.removedAt().map(Instant::toString).orElse(null))
                    .put(
                            "sessions",
                            history.sessions()
                                    .ownerSessions(o.id(), Instant.EPOCH, Instant.MAX)
                                    .size())
                    .put("conditions", history.conditions().conditions(o.id()).size());
            ArrayNode theirs = person.putArray("pens");
            new TreeSet<>(pens.recordedPens())
                    .stream()
                            .filter(p -> household.ownerOfPen(p).id().equals(o.id()))
                            .forEach(theirs::add);
            ArrayNode devices = person.putArray("devices");
            household.devices().stream().filter(d -> d.owner().equals(o.id())).forEach(d -> devices.add(d.id()));
        }
        // Whose a pen or device can be: the household in force (with nobody added, "me").
        ArrayNode owners = json.putArray("owners");
        household.owners().forEach(o -> owners.add(o.id()));
        ArrayNode penList = json.putArray("pens");
        for (String serial : new TreeSet<>(pens.recordedPens())) {
            penList.addObject()
                    .put("serial", serial)
                    .put("owner", household.ownerOfPen(serial).id())
                    .put("inFile", changes.penInFile(serial));
        }
        ArrayNode devices = json.putArray("devices");
        for (Device d : household.devices()) {
            devices.addObject()
                    .put("id", d.id())
                    .put("kind", d.kind().id())
                    .put("owner", d.owner())
                    .put("needleLengthMm", d.needleLength().map(Depth::mm).orElse(null))
                    .put("inFile", changes.deviceInFile(d.id()));
        }
        return json;
    }

    /** {@code POST /api/people} with {@code {"id": "sam", "name": "Sam", "zone": "Europe/Berlin", "skinType": "IV"}}. */
    ObjectNode addPerson(JsonForm form) {
        String id = form.required("id", "the person's id: a-z, 0-9 and '-', e.g. sam");
        if (!Person.ID.matcher(id).matches()) {
            throw new ApiException(
                    400,
                    "id: " + Quote.of(id) + " cannot be an id: use 1 to 32 of a-z, 0-9 and '-', starting with a"
                            + " letter or digit (it names them in the history and MQTT; the name can be anything)",
                    "id");
        }
        Optional<String> name = form.text("name");
        Optional<ZoneId> zone = zone(form);
        Optional<SkinType> skinType = skinType(form);
        Person p = change(() -> setup(form).addPerson(id, name, zone, skinType), "id");
        return person(p);
    }

    /** {@code POST /api/people/{id}} with what changes: {@code name}, {@code zone}, {@code skinType}. */
    ObjectNode editPerson(String id, JsonForm form) {
        Optional<String> name = form.text("name");
        Optional<ZoneId> zone = zone(form);
        Optional<SkinType> skinType = skinType(form);
        if (name.isEmpty() && zone.isEmpty() && skinType.isEmpty()) {
            throw new ApiException(400, "nothing to change: send name, zone or skinType", "name");
        }
        HouseholdChanges changes = setup(form);
        Person p = change(
                () -> {
                    Person changed = null;
                    if (name.isPresent()) {
                        changed = changes.renamePerson(id, name.get());
                    }
                    if (zone.isPresent() || skinType.isPresent()) {
                        changed = changes.setPerson(id, zone, skinType);
                    }
                    return changed;
                },
                "name");
        return person(p);
    }

    /** {@code DELETE /api/people/{id}}: out of the household; their history stays (a former person). */
    ObjectNode removePerson(String id, JsonForm form) {
        Person p = change(() -> setup(form).removePerson(id), null);
        return person(p);
    }

    /** {@code POST /api/pens/{serial}/owner} with {@code {"owner": "sam"}}: whose its next sessions are. */
    ObjectNode setPenOwner(String serial, JsonForm form) {
        String owner = form.required("owner", "whose the pen is (a person's id)");
        change(
                () -> {
                    setup(form).setPenOwner(serial, owner);
                    return null;
                },
                "owner");
        return SessionJson.MAPPER.createObjectNode().put("serial", serial).put("owner", owner);
    }

    /** {@code POST /api/devices} with {@code {"id": "roller-1", "kind": "roller", "owner": "sam", "needleLength": "0.5"}}. */
    ObjectNode addDevice(JsonForm form) {
        HouseholdChanges changes = setup(form);
        String id = form.required("id", "a name to log it with, e.g. roller-1");
        if (!Person.ID.matcher(id).matches()) {
            // As the configuration file's devices: the id is part of the page's and the API's paths.
            throw new ApiException(
                    400,
                    "id: " + Quote.of(id) + " cannot be a device's id: use lower-case letters, digits and '-',"
                            + " up to 32, e.g. roller-1",
                    "id");
        }
        Device.Kind kind = kind(form.required("kind", "roller or pen"));
        String owner = form.text("owner")
                .orElseGet(() -> changes.household().firstOwner().id());
        Device device = device(id, kind, owner, needles(form));
        return device(change(() -> changes.addDevice(device), "id"));
    }

    /** {@code POST /api/devices/{id}} with what changes: {@code kind}, {@code owner}, {@code needleLength}. */
    ObjectNode editDevice(String id, JsonForm form) {
        HouseholdChanges changes = setup(form);
        Device was = change(() -> changes.storedDevice(id, "change"), "kind");
        Device.Kind kind = form.text("kind").map(HouseholdEditor::kind).orElse(was.kind());
        Optional<Depth> given = needles(form);
        Optional<Depth> needles =
                given.isPresent() ? given : kind == Device.Kind.PEN ? Optional.empty() : was.needleLength();
        Device device = device(id, kind, form.text("owner").orElse(was.owner()), needles);
        return device(change(() -> changes.editDevice(device), "owner"));
    }

    /** {@code DELETE /api/devices/{id}}: sessions logged with it keep its name. */
    ObjectNode removeDevice(String id, JsonForm form) {
        return device(change(() -> setup(form).removeDevice(id), null));
    }

    private HouseholdChanges setup(JsonForm form) {
        return setup.changes()
                .orElseThrow(() -> new ApiException(
                        409,
                        "setting up the household from the page is not available here; use 'needleguard owner' and"
                                + " 'needleguard device'"));
    }

    /**
     * Makes the change and tells the gateway; a refusal is a 409 with its message (nothing was changed),
     * about {@code field}, or about the owner when it names someone not in the household.
     */
    private <T> T change(Supplier<T> change, String field) {
        T done;
        try {
            done = change.get();
        } catch (RefusedChange e) {
            String message = e.getMessage();
            String about = message.contains("is not in the household")
                    ? "owner"
                    : message.startsWith("a person's name") ? "name" : field;
            throw new ApiException(409, message, about);
        }
        setup.changed();
        return done;
    }

    private static Optional<ZoneId> zone(JsonForm form) {
        return form.text("zone").map(text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new ApiException(
                        400,
                        "zone: " + Quote.of(text)
                                + " is not a time zone; give an IANA name such as Europe/Berlin or America/New_York",
                        "zone");
            }
        });
    }

    private static Optional<SkinType> skinType(JsonForm form) {
        return form.text("skinType")
                .map(text -> SkinType.fromId(text)
                        .orElseThrow(() -> new ApiException(
                                400,
                                "skinType: " + Quote.of(text) + " is not a Fitzpatrick skin type; give one of "
                                        + SkinType.allIds(),
                                "skinType")));
    }

    private static Device.Kind kind(String text) {
        return Device.Kind.fromId(text)
                .orElseThrow(() -> new ApiException(
                        400,
                        "kind: " + Quote.of(text) + " is not a kind of device; give one of " + Device.Kind.allIds(),
                        "kind"));
    }

    private static Optional<Depth> needles(JsonForm form) {
        return form.text("needleLength").map(text -> {
            try {
                return Depth.ofMm(text);
            } catch (IllegalArgumentException e) { // NumberFormatException too
                throw new ApiException(
                        400,
                        "needleLength: " + Quote.of(text)
                                + " is not a length in mm; give the roller's needle length, e.g. 0.5",
                        "needleLength");
            }
        });
    }

    /** A device as given; a roller without its needle length, or a pen with one, is refused as the fix. */
    private static Device device(String id, Device.Kind kind, String owner, Optional<Depth> needles) {
        try {
            return new Device(id, kind, owner, needles);
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    400,
                    "needleLength: " + e.getMessage()
                            + (kind == Device.Kind.ROLLER ? ": give it in mm, e.g. 0.5" : ": leave it empty"),
                    "needleLength");
        }
    }

    private static ObjectNode person(Person p) {
        return SessionJson.MAPPER
                .createObjectNode()
                .put("id", p.id())
                .put("name", p.name())
                .put("zone", p.zone().getId())
                .put("skinType", p.skinType().map(SkinType::id).orElse(null))
                .put("removedAt", p.removedAt().map(Instant::toString).orElse(null));
    }

    private static ObjectNode device(Device d) {
        return SessionJson.MAPPER
                .createObjectNode()
                .put("id", d.id())
                .put("kind", d.kind().id())
                .put("owner", d.owner())
                .put("needleLengthMm", d.needleLength().map(Depth::mm).orElse(null));
    }
}
