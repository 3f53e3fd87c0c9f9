package io.needleguard.pairing;

class MemoryPairedPensTest extends PairedPensContract {

    @Override
    protected PairedPens create() {
        return new MemoryPairedPens();
    }

    @Override
    protected AutoCloseable closer() {
        return () -> {};
    }
}
