package io.needleguard.household;

import io.needleguard.household.HouseholdRecords.Lending;
import io.needleguard.text.Quote;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one API that changes who is in the household, whose a pen or device is, and who a pen's next
 * session is for: the command line, MQTT and the page all call it. The configuration file wins for what
 * it names ({@link HouseholdFile}); everything else is kept in the history database
 * ({@link HouseholdRecords}). A change that cannot be made throws {@link RefusedChange} naming the fix,
 * having changed nothing. The effective household is {@link #household()}: read it again after a change.
 */
public final class HouseholdChanges implements SessionOwners, PenLending {

    /** Where a person of {@link #people()} comes from. */
    public enum Source {
        /** Listed in the configuration file: changed there. */
        FILE,
        /** Added with the command line, MQTT or the page. */
        DATABASE,
        /** Removed from the household; their history is kept. */
        FORMER
    }

    /** A person as listed: their owner values, name, and where they come from. */
    public record Member(Owner owner, String name, Source source, Optional<Instant> removedAt) {}

    // Replaced when the configuration file is edited while the gateway runs (issue 22 item 1).
    private volatile HouseholdFile file;
    private final CountedRecords records;
    private final Predicate<String> pairedPen;
    private final ZoneId defaultZone;
    private final Clock clock;

    /**
     * @param pairedPen whether a pen serial is paired with this gateway (a pen listed in the file is
     *                  known either way)
     */
    public HouseholdChanges(
            HouseholdFile file,
            HouseholdRecords records,
            Predicate<String> pairedPen,
            ZoneId defaultZone,
            Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.records = new CountedRecords(Objects.requireNonNull(records, "records"));
        this.pairedPen = Objects.requireNonNull(pairedPen, "pairedPen");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The household in force: the file's people, then those added here (in order of adding) whose ids
     * the file does not name; likewise pens' owners and devices. Nobody at all: {@code me}.
     */
    public Household household() {
        HouseholdFile file = this.file; // one version of the file for the whole reading
        List<Owner> owners = new ArrayList<>(file.owners());
        for (Person p : records.people()) {
            if (!p.removed() && !file.namesOwner(p.id())) {
                owners.add(p.owner());
            }
        }
        List<String> ids = owners.stream().map(Owner::id).toList();
        Map<String, String> penOwners = new LinkedHashMap<>();
        records.penOwners().forEach((pen, owner) -> {
            if (!file.namesPen(pen) && ids.contains(owner)) {
                penOwners.put(pen, owner);
            }
        });
        // A file without owners gives its pens to "me", meaning the first person, whoever that now is.
        file.penOwners().forEach((pen, owner) -> {
            if (ids.contains(owner)) {
                penOwners.put(pen, owner);
            }
        });
        List<Device> devices = new ArrayList<>();
        for (Device d : file.devices()) {
            devices.add(ids.contains(d.owner()) || owners.isEmpty() ? d : withOwner(d, ids.get(0)));
        }
        for (Device d : records.devices()) {
            if (file.namesDevice(d.id())) {
                continue;
            }
            if (ids.contains(d.owner())) {
                devices.add(d);
            } else if (d.owner().equals(Owner.DEFAULT_ID)) {
                // Added while nobody was: "me", like the file's, means the first person, whoever that now is.
                devices.add(owners.isEmpty() ? d : withOwner(d, ids.get(0)));
            }
        }
        return new Household(owners, penOwners, devices, defaultZone);
    }

    /**
     * How many changes were made through this API: the household in force is read again when it moves
     * ({@link HouseholdInForce}).
     */
    public long edits() {
        return records.edits();
    }

    /**
     * Puts the configuration file's household in force in place of the one read before (the file was
     * edited while the gateway runs): counted as a change, so that the household in force is read again.
     */
    public void replaceFile(HouseholdFile replacement) {
        Objects.requireNonNull(replacement, "replacement");
        records.counted(() -> this.file = replacement);
    }

    /** What the configuration file in force says about the household. */
    public HouseholdFile file() {
        return file;
    }

    /** Everyone: the file's, those added here, and former people, each once. */
    public List<Member> people() {
        List<Member> members = new ArrayList<>();
        for (Owner o : file.owners()) {
            members.add(new Member(o, o.id(), Source.FILE, Optional.empty()));
        }
        for (Person p : records.people()) {
            if (!file.namesOwner(p.id())) {
                members.add(
                        new Member(p.owner(), p.name(), p.removed() ? Source.FORMER : Source.DATABASE, p.removedAt()));
            }
        }
        return members;
    }

    public Person addPerson(String id, Optional<String> name, Optional<ZoneId> zone, Optional<SkinType> skinType) {
        refuseFileOwner(id, "add");
        Optional<Person> existing = stored(id);
        if (existing.isPresent() && !existing.get().removed()) {
            throw new RefusedChange(
                    Quote.of(id) + " is already in the household: change them with 'needleguard owner set " + id
                            + "' or 'owner rename " + id + " NAME'");
        }
        Person person = person(id, name.orElse(id), zone.orElse(defaultZone), skinType, Optional.empty());
        records.putPerson(person);
        return person;
    }

    public Person renamePerson(String id, String name) {
        Person p = present(id, "rename");
        Person renamed = person(id, name, p.zone(), p.skinType(), p.removedAt());
        records.putPerson(renamed);
        return renamed;
    }

    /** Changes a person's time zone or skin type; what is not given stays. */
    public Person setPerson(String id, Optional<ZoneId> zone, Optional<SkinType> skinType) {
        Person p = present(id, "change");
        Person changed = person(id, p.name(), zone.orElse(p.zone()), skinType.or(p::skinType), p.removedAt());
        records.putPerson(changed);
        return changed;
    }

    /**
     * Removes a person from the household: their history is kept (listed as a former person; erasing it
     * is {@code owner erase}). Refused while a pen or device is still theirs.
     */
    public Person removePerson(String id) {
        Person p = present(id, "remove");
        List<String> pens = records.penOwners().entrySet().stream()
                .filter(e -> e.getValue().equals(id) && !file.namesPen(e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        if (!pens.isEmpty()) {
            throw new RefusedChange(
                    "pen " + Quote.brief(pens.get(0)) + " is " + id + "'s: give it to someone else first "
                            + "('needleguard pens owner " + pens.get(0) + " ID') or forget it");
        }
        Optional<Device> device =
                records.devices().stream().filter(d -> d.owner().equals(id)).findFirst();
        if (device.isPresent()) {
            throw new RefusedChange("device " + device.get().id() + " is " + id + "'s: give it to someone else "
                    + "('needleguard device edit " + device.get().id() + " --owner ID') or remove it");
        }
        Person removed = person(id, p.name(), p.zone(), p.skinType(), Optional.of(clock.instant()));
        records.putPerson(removed);
        records.lendings().forEach((pen, lending) -> {
            if (lending.person().equals(id)) {
                records.endLending(pen);
            }
        });
        return removed;
    }

    /** Gives a paired pen to a person: its next sessions are theirs (stored ones stay: see history assign). */
    public void setPenOwner(String serial, String owner) {
        if (file.namesPen(serial)) {
            throw inFile("pen " + Quote.brief(serial), "its owner: under pens:");
        }
        if (!pairedPen.test(serial)) {
            throw new RefusedChange(
                    "pen " + Quote.brief(serial) + " is not paired: pair it first ('needleguard pair --serial "
                            + Quote.brief(serial) + " --owner " + safeId(owner) + "')");
        }
        requireMember(owner);
        records.setPenOwner(serial, owner);
    }

    public Device addDevice(Device device) {
        if (file.namesDevice(device.id())) {
            throw inFile("device " + device.id(), "its entry under devices:");
        }
        if (records.devices().stream().anyMatch(d -> d.id().equals(device.id()))) {
            throw new RefusedChange(
                    "device " + Quote.brief(device.id()) + " already exists: change it with 'needleguard device edit "
                            + device.id() + "', or choose another id");
        }
        requireMember(device.owner());
        records.putDevice(device);
        return device;
    }

    public Device editDevice(Device device) {
        storedDevice(device.id(), "change");
        requireMember(device.owner());
        records.putDevice(device);
        return device;
    }

    /** Whether the configuration file lists this pen (then its owner is set there, not here). */
    public boolean penInFile(String serial) {
        return file.namesPen(serial);
    }

    /** The configuration file as people should be told of it, to say where a listed entry is changed. */
    public String fileName() {
        return file.name();
    }

    /** Whether the configuration file lists this device (then it is changed there, not here). */
    public boolean deviceInFile(String id) {
        return file.namesDevice(id);
    }

    /** Removes a device; sessions logged with it keep naming it. */
    public Device removeDevice(String id) {
        Device device = storedDevice(id, "remove");
        records.removeDevice(id);
        return device;
    }

    /** The device added here with this id (not one of the file's). */
    public Device storedDevice(String id, String verb) {
        if (file.namesDevice(id)) {
            throw inFile("device " + id, "its entry under devices:");
        }
        return records.devices().stream()
                .filter(d -> d.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new RefusedChange("there is no device " + Quote.of(id) + " to " + verb
                        + ": 'needleguard device list' shows them"));
    }

    /**
     * Lends a pen to a person for its next session (the first that starts from now on); after it the
     * pen's sessions are its owner's again. Lending to the pen's owner gives it back.
     */
    @Override
    public void lendPen(String serial, String person) {
        if (!pairedPen.test(serial) && !file.namesPen(serial)) {
            throw new RefusedChange(
                    "pen " + Quote.brief(serial) + " is not paired with this gateway: 'needleguard pens' lists them");
        }
        requireMember(person);
        Lending lending = new Lending(person, clock.instant());
        if (household().ownerOfPen(serial).id().equals(person)) {
            records.endLending(serial);
        } else {
            records.lend(serial, lending);
        }
    }

    /**
     * Who a pen's session that started at {@code start} is recorded for: the person it was lent to if
     * it started at or after the lending, else the pen's owner.
     */
    public Owner personForSession(String serial, Instant start) {
        return ownerOfSession(serial, start);
    }

    @Override
    public Owner ownerOfSession(String serial, Instant start) {
        Household household = household();
        return records.lending(serial)
                .filter(l -> !start.isBefore(l.since()))
                .flatMap(l -> household.owner(l.person()))
                .orElseGet(() -> household.ownerOfPen(serial));
    }

    @Override
    public Owner nextSessionFor(String serial) {
        return ownerOfSession(serial, clock.instant());
    }

    @Override
    public Owner nextSessionAfter(String serial, Instant start) {
        Household household = household();
        return records.lending(serial)
                .filter(l -> start.isBefore(l.since()))
                .flatMap(l -> household.owner(l.person()))
                .orElseGet(() -> household.ownerOfPen(serial));
    }

    /** A lending ends with the first session that starts at or after it. */
    @Override
    public void recorded(String serial, Instant start) {
        records.lending(serial).filter(l -> !start.isBefore(l.since())).ifPresent(l -> records.endLending(serial));
    }

    private void requireMember(String id) {
        Household household = household();
        if (household.owner(id).isEmpty()) {
            List<String> ids = household.owners().stream().map(Owner::id).toList();
            throw new RefusedChange(Quote.of(id) + " is not in the household (" + String.join(", ", ids)
                    + "): add them first ('needleguard owner add " + safeId(id) + "')");
        }
    }

    private Person present(String id, String verb) {
        refuseFileOwner(id, verb);
        return stored(id)
                .filter(p -> !p.removed() || verb.equals("rename"))
                .orElseThrow(() -> new RefusedChange("there is no " + Quote.of(id) + " to " + verb
                        + ": 'needleguard owner list' shows the household, 'owner add " + safeId(id) + "' adds them"));
    }

    private Optional<Person> stored(String id) {
        return records.people().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private void refuseFileOwner(String id, String verb) {
        if (file.namesOwner(id)) {
            throw inFile(Quote.of(id), "their entry under owners:");
        }
    }

    private RefusedChange inFile(String what, String key) {
        return new RefusedChange(what + " is set in " + file.name() + ": edit " + key
                + " there (a running gateway applies it within a second of saving)");
    }

    private static Person person(
            String id, String name, ZoneId zone, Optional<SkinType> skinType, Optional<Instant> removedAt) {
        try {
            return new Person(id, name, zone, skinType, removedAt);
        } catch (IllegalArgumentException e) {
            throw new RefusedChange(e.getMessage());
        }
    }

    private static String safeId(String id) {
        return Person.ID.matcher(id).matches() ? id : "ID";
    }

    private static Device withOwner(Device d, String owner) {
        return new Device(d.id(), d.kind(), owner, d.needleLength());
    }
}
