package io.needleguard.household;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The household as kept in the history database (a port: the store implements it): the people, the
 * owners of pens, the devices without Bluetooth and the person chosen for a pen's next session, as
 * changed with the command line, MQTT or the page. Each method is one transaction.
 */
public interface HouseholdRecords {

    /** Everyone ever added, removed ones included, in the order they were added. */
    List<Person> people();

    /** Adds the person, or replaces the one with the same id (keeping their place in the order). */
    void putPerson(Person person);

    /** Pen serial to owner id, for the pens given an owner here. */
    Map<String, String> penOwners();

    void setPenOwner(String serial, String owner);

    /** The devices added here, in the order they were added. */
    List<Device> devices();

    /** Adds the device, or replaces the one with the same id. */
    void putDevice(Device device);

    /** False if there was none. */
    boolean removeDevice(String id);

    /** The person chosen for each pen's next session, and when. */
    Map<String, Lending> lendings();

    /** Chooses the person for the pen's next session; a later choice replaces it. */
    void lend(String serial, Lending lending);

    /** Ends the pen's lending (its next session was recorded, or it was given back); false if none. */
    boolean endLending(String serial);

    default Optional<Lending> lending(String serial) {
        return Optional.ofNullable(lendings().get(serial));
    }

    /** A pen lent to a person for its next session: the first that starts at or after {@code since}. */
    record Lending(String person, Instant since) {
        public Lending {
            java.util.Objects.requireNonNull(person, "person");
            java.util.Objects.requireNonNull(since, "since");
        }
    }
}
