package io.needleguard.history;

class InMemoryAreaChoicesTest extends AreaChoicesContract {

    @Override
    protected AreaChoices create() {
        return new InMemoryAreaChoices();
    }

    @Override
    protected AutoCloseable closer() {
        return () -> {};
    }
}
