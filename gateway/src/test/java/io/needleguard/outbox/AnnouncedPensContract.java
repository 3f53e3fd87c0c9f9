package io.needleguard.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AnnouncedPens} does, run against each implementation. */
public abstract class AnnouncedPensContract {

    protected AnnouncedPens announced;
    private AutoCloseable closer;

    protected abstract AnnouncedPens create();

    protected abstract AutoCloseable closer();

    @BeforeEach
    void open() {
        announced = create();
        closer = closer();
    }

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    @Test
    void remembersAnnouncedPensOnceAndForgetsWithdrawnOnes() {
        assertEquals(Set.of(), announced.announced());
        announced.markAnnounced("A");
        announced.markAnnounced("B");
        announced.markAnnounced("A");
        announced.markWithdrawn("B");
        announced.markWithdrawn("never-announced");
        assertEquals(Set.of("A"), announced.announced());
    }
}
