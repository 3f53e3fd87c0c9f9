package io.needleguard.history;

class InMemoryHistoryTest extends SessionHistoryContract {

    @Override
    protected SessionHistory create() {
        return new InMemoryHistory();
    }
}
