package io.needleguard.outbox;

class MemoryAnnouncedPensTest extends AnnouncedPensContract {

    @Override
    protected AnnouncedPens create() {
        return new MemoryAnnouncedPens();
    }

    @Override
    protected AutoCloseable closer() {
        return () -> {};
    }
}
