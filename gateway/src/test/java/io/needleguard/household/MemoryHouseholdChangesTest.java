package io.needleguard.household;

class MemoryHouseholdChangesTest extends HouseholdChangesContract {

    @Override
    protected HouseholdRecords create() {
        return new MemoryHouseholdRecords();
    }
}
