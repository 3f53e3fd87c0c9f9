package io.needleguard.household;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The household records, counting the changes made through them: a running gateway reads the household
 * again only when the count moved ({@link HouseholdInForce}), not on every session it records.
 */
final class CountedRecords implements HouseholdRecords {

    private final HouseholdRecords records;
    private final AtomicLong edits = new AtomicLong();

    CountedRecords(HouseholdRecords records) {
        this.records = records;
    }

    long edits() {
        return edits.get();
    }

    /** Counted before and after: a read between the two sees the count move again once the write is done. */
    void counted(Runnable write) {
        edits.incrementAndGet();
        try {
            write.run();
        } finally {
            edits.incrementAndGet();
        }
    }

    @Override
    public List<Person> people() {
        return records.people();
    }

    @Override
    public void putPerson(Person person) {
        counted(() -> records.putPerson(person));
    }

    @Override
    public Map<String, String> penOwners() {
        return records.penOwners();
    }

    @Override
    public void setPenOwner(String serial, String owner) {
        counted(() -> records.setPenOwner(serial, owner));
    }

    @Override
    public List<Device> devices() {
        return records.devices();
    }

    @Override
    public void putDevice(Device device) {
        counted(() -> records.putDevice(device));
    }

    @Override
    public boolean removeDevice(String id) {
        edits.incrementAndGet();
        try {
            return records.removeDevice(id);
        } finally {
            edits.incrementAndGet();
        }
    }

    @Override
    public Map<String, Lending> lendings() {
        return records.lendings();
    }

    @Override
    public void lend(String serial, Lending lending) {
        records.lend(serial, lending); // who a pen's next session is for: asked as it is recorded, not cached
    }

    @Override
    public boolean endLending(String serial) {
        return records.endLending(serial);
    }
}
