package io.needleguard.sim.pen;

import java.util.UUID;

/** The connected central as a simulated pen sees it: where its notifications and its disconnect go. */
public interface PenCentral {

    void notify(UUID service, UUID characteristic, byte[] value);

    void disconnected();
}
