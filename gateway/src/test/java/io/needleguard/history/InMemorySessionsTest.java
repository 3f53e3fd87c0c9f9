package io.needleguard.history;

class InMemorySessionsTest extends SessionHistoryContract {

    @Override
    protected Store create() {
        InMemoryHistory memory = new InMemoryHistory();
        return new Store(memory.sessions(), memory.transactions(), () -> {});
    }
}
