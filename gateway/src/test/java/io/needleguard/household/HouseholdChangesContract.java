package io.needleguard.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.session.Depth;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the household API does, against every {@link HouseholdRecords}: the store's and the fake. */
public abstract class HouseholdChangesContract {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    protected abstract HouseholdRecords create();

    protected AutoCloseable closer() {
        return () -> {};
    }

    @AfterEach
    void close() throws Exception {
        closer().close();
    }

    private final Set<String> paired = Set.of("P1", "P2", "FILEPEN");

    private HouseholdChanges changes(HouseholdFile file, HouseholdRecords records) {
        return new HouseholdChanges(file, records, paired::contains, ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static HouseholdFile fileWith(String... owners) {
        return new HouseholdFile(
                Optional.of("/etc/needleguard/needleguard.yaml"),
                java.util.Arrays.stream(owners)
                        .map(id -> new Owner(id, ZoneOffset.UTC))
                        .toList(),
                owners.length > 0 ? Map.of("FILEPEN", owners[0]) : Map.of(),
                List.of());
    }

    @Test
    void peopleAddedAreInTheHouseholdAfterTheFilesInOrderOfAdding() {
        HouseholdChanges changes = changes(fileWith("sam"), create());
        changes.addPerson("alex", Optional.of("Alex M."), Optional.of(BERLIN), Optional.of(SkinType.IV));
        changes.addPerson("kim", Optional.empty(), Optional.empty(), Optional.empty());

        Household household = changes.household();
        assertEquals(
                List.of("sam", "alex", "kim"),
                household.owners().stream().map(Owner::id).toList());
        assertEquals(BERLIN, household.zoneOf("alex"));
        assertEquals(
                Optional.of(SkinType.IV), household.owner("alex").orElseThrow().skinType());
        assertEquals("Alex M.", changes.people().get(1).name());
        assertEquals(HouseholdChanges.Source.FILE, changes.people().get(0).source());
    }

    @Test
    void withoutAFileTheFirstPersonAddedGetsThePensWithoutOwner() {
        HouseholdChanges changes = changes(HouseholdFile.NONE, create());
        assertEquals("me", changes.household().ownerOfPen("P1").id());
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals("alex", changes.household().ownerOfPen("P1").id());
    }

    @Test
    void renameChangesTheNameOnlyAndSetKeepsWhatIsNotGiven() {
        HouseholdChanges changes = changes(HouseholdFile.NONE, create());
        changes.addPerson("alex", Optional.empty(), Optional.of(BERLIN), Optional.of(SkinType.II));
        changes.renamePerson("alex", "Alexandra");
        changes.setPerson("alex", Optional.empty(), Optional.of(SkinType.V));

        HouseholdChanges.Member alex = changes.people().get(0);
        assertEquals("Alexandra", alex.name());
        assertEquals("alex", alex.owner().id());
        assertEquals(BERLIN, alex.owner().zone());
        assertEquals(Optional.of(SkinType.V), alex.owner().skinType());
    }

    @Test
    void whatTheFileNamesIsRefusedNamingTheFileAndKey() {
        HouseholdChanges changes = changes(fileWith("sam"), create());
        RefusedChange person = assertThrows(
                RefusedChange.class, () -> changes.setPerson("sam", Optional.of(BERLIN), Optional.empty()));
        assertTrue(person.getMessage().contains("/etc/needleguard/needleguard.yaml"), person.getMessage());
        assertTrue(person.getMessage().contains("owners:"), person.getMessage());
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        RefusedChange pen = assertThrows(RefusedChange.class, () -> changes.setPenOwner("FILEPEN", "alex"));
        assertTrue(pen.getMessage().contains("pens:"), pen.getMessage());
        // A running gateway follows the file (issue 22 item 1): the message no longer says to restart it.
        assertTrue(
                pen.getMessage().endsWith("(a running gateway applies it within a second of saving)"),
                pen.getMessage());
    }

    @Test
    void aReplacedFileIsTheHouseholdInForceAtOnce() {
        HouseholdChanges changes = changes(fileWith("sam"), create());
        HouseholdInForce inForce = HouseholdInForce.of(changes);
        assertTrue(inForce.get().owner("sam").isPresent());

        changes.replaceFile(fileWith("robin"));

        assertTrue(inForce.get().owner("robin").isPresent(), inForce.get()::toString);
        assertTrue(inForce.get().owner("sam").isEmpty(), inForce.get()::toString);
    }

    @Test
    void aPensOwnerIsSetForAPairedPenAndAPersonInTheHousehold() {
        HouseholdChanges changes = changes(HouseholdFile.NONE, create());
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addPerson("kim", Optional.empty(), Optional.empty(), Optional.empty());
        changes.setPenOwner("P2", "kim");
        assertEquals("kim", changes.household().ownerOfPen("P2").id());
        assertEquals("alex", changes.household().ownerOfPen("P1").id());

        RefusedChange stranger = assertThrows(RefusedChange.class, () -> changes.setPenOwner("P2", "robin"));
        assertTrue(stranger.getMessage().contains("owner add robin"), stranger.getMessage());
        RefusedChange unpaired = assertThrows(RefusedChange.class, () -> changes.setPenOwner("NOPE", "kim"));
        assertTrue(unpaired.getMessage().contains("pair --serial NOPE --owner kim"), unpaired.getMessage());
    }

    @Test
    void removingKeepsThePersonAsFormerAndIsRefusedWhileTheyOwnAPenOrDevice() {
        HouseholdChanges changes = changes(HouseholdFile.NONE, create());
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addPerson("kim", Optional.empty(), Optional.empty(), Optional.empty());
        changes.setPenOwner("P1", "kim");
        RefusedChange refused = assertThrows(RefusedChange.class, () -> changes.removePerson("kim"));
        assertTrue(refused.getMessage().contains("pens owner P1"), refused.getMessage());

        changes.setPenOwner("P1", "alex");
        changes.removePerson("kim");
        assertEquals(
                List.of("alex"),
                changes.household().owners().stream().map(Owner::id).toList());
        assertEquals(HouseholdChanges.Source.FORMER, changes.people().get(1).source());
        assertEquals(Optional.of(NOW), changes.people().get(1).removedAt());

        changes.addPerson("kim", Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(
                List.of("alex", "kim"),
                changes.household().owners().stream().map(Owner::id).toList());
    }

    @Test
    void devicesAreAddedEditedAndRemoved() {
        HouseholdChanges changes = changes(HouseholdFile.NONE, create());
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addPerson("kim", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addDevice(new Device("roller", Device.Kind.ROLLER, "alex", Optional.of(Depth.ofHundredths(50))));
        assertThrows(
                RefusedChange.class,
                () -> changes.addDevice(new Device("roller", Device.Kind.PEN, "alex", Optional.empty())));
        changes.editDevice(new Device("roller", Device.Kind.ROLLER, "kim", Optional.of(Depth.ofHundredths(25))));
        Device roller = changes.household().device("roller").orElseThrow();
        assertEquals("kim", roller.owner());
        assertEquals(Optional.of(Depth.ofHundredths(25)), roller.needleLength());
        changes.removeDevice("roller");
        assertTrue(changes.household().devices().isEmpty());
        assertThrows(RefusedChange.class, () -> changes.removeDevice("roller"));
    }

    @Test
    void aLentPensNextSessionIsTheBorrowersAndEarlierOnesStayTheOwners() {
        HouseholdRecords records = create();
        HouseholdChanges changes = changes(HouseholdFile.NONE, records);
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addPerson("kim", Optional.empty(), Optional.empty(), Optional.empty());
        changes.lendPen("P1", "kim");

        assertEquals("kim", changes.personForSession("P1", NOW.plusSeconds(60)).id());
        assertEquals(
                "alex", changes.personForSession("P1", NOW.minusSeconds(60)).id());
        assertEquals("alex", changes.personForSession("P2", NOW.plusSeconds(60)).id());

        records.endLending("P1");
        assertEquals("alex", changes.personForSession("P1", NOW.plusSeconds(60)).id());
    }

    @Test
    void badIdsAndNamesAreRefusedWithTheRule() {
        HouseholdChanges changes = changes(HouseholdFile.NONE, create());
        RefusedChange id = assertThrows(
                RefusedChange.class,
                () -> changes.addPerson("Alex Smith", Optional.empty(), Optional.empty(), Optional.empty()));
        assertTrue(id.getMessage().contains("a-z, 0-9"), id.getMessage());
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        assertThrows(RefusedChange.class, () -> changes.renamePerson("alex", "x".repeat(65)));
    }
}
