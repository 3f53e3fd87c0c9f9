package io.needleguard.history;

class InMemoryConditionsTest extends ConditionHistoryContract {

    @Override
    protected ConditionHistory create() {
        return new InMemoryConditions();
    }

    @Override
    protected AutoCloseable closer() {
        return () -> {};
    }
}
