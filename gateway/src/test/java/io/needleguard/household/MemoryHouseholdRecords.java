package io.needleguard.household;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The household's records in memory: the fake of the port, held to the same contract as SQLite. */
public final class MemoryHouseholdRecords implements HouseholdRecords {

    private final Map<String, Person> people = new LinkedHashMap<>();
    private final Map<String, String> penOwners = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Lending> lendings = new LinkedHashMap<>();

    @Override
    public synchronized List<Person> people() {
        return new ArrayList<>(people.values());
    }

    @Override
    public synchronized void putPerson(Person person) {
        people.put(person.id(), person);
    }

    @Override
    public synchronized Map<String, String> penOwners() {
        return new LinkedHashMap<>(penOwners);
    }

    @Override
    public synchronized void setPenOwner(String serial, String owner) {
        penOwners.put(serial, owner);
    }

    @Override
    public synchronized List<Device> devices() {
        return new ArrayList<>(devices.values());
    }

    @Override
    public synchronized void putDevice(Device device) {
        devices.put(device.id(), device);
    }

    @Override
    public synchronized boolean removeDevice(String id) {
        return devices.remove(id) != null;
    }

    @Override
    public synchronized Map<String, Lending> lendings() {
        return new LinkedHashMap<>(lendings);
    }

    @Override
    public synchronized void lend(String serial, Lending lending) {
        lendings.put(serial, lending);
    }

    @Override
    public synchronized boolean endLending(String serial) {
        return lendings.remove(serial) != null;
    }
}
