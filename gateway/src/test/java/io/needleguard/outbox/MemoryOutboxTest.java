package io.needleguard.outbox;

class MemoryOutboxTest extends OutboxContract {

    @Override
    protected Outbox create() {
        return new MemoryOutbox();
    }

    @Override
    protected AutoCloseable closer() {
        return () -> {};
    }
}
