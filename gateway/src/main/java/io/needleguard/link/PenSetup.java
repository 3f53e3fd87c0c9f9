package io.needleguard.link;

import static io.needleguard.profile.PenProfile.AREA;
import static io.needleguard.profile.PenProfile.BATTERY_LEVEL;
import static io.needleguard.profile.PenProfile.BATTERY_SERVICE;
import static io.needleguard.profile.PenProfile.SERVICE;
import static io.needleguard.profile.PenProfile.TIME_SYNC;

import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;
import io.needleguard.session.Area;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a pen that has said who it is learns and tells on connection, before it is subscribed: the
 * listener hears its identity and battery; the pen gets the time (only from a clock that is
 * synchronised: a wrong time would date its sessions wrongly) and the area chosen for its next sessions.
 */
final class PenSetup {

    private static final Logger log = LoggerFactory.getLogger(PenSetup.class);

    private final PenListener listener;
    private final Clock clock;
    private final ClockTrust clockTrust;
    private final Supplier<Optional<Area>> chosenArea;

    PenSetup(PenListener listener, Clock clock, ClockTrust clockTrust, Supplier<Optional<Area>> chosenArea) {
        this.listener = listener;
        this.clock = clock;
        this.clockTrust = clockTrust;
        this.chosenArea = chosenArea;
    }

    void setUp(BleConnection connection, PenIdentity identity) throws BleException, FrameException {
        String serial = identity.serial();
        listener.identified(identity);
        listener.battery(serial, PenCodec.decodeBatteryLevel(connection.read(BATTERY_SERVICE, BATTERY_LEVEL)));
        if (clockTrust.trusted()) {
            connection.write(SERVICE, TIME_SYNC, PenCodec.encodeTimeSync(clock.instant()));
        } else {
            log.info("pen {} keeps its own clock: this machine's clock is not synchronised yet", serial);
        }
        Optional<Area> area = chosenArea.get();
        if (area.isPresent()) {
            connection.write(SERVICE, AREA, PenCodec.encodeArea(area.get()));
        }
    }
}
