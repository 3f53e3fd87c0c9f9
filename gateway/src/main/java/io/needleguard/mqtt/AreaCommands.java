package io.needleguard.mqtt;

import io.needleguard.session.Area;
import java.util.Optional;

/** Carries out an area choice that arrived over MQTT. */
@FunctionalInterface
public interface AreaCommands {

    /**
     * @param penLevel the pen as its topic level names it
     * @return why it could not be done (an unknown pen), or empty when done
     */
    Optional<String> choose(String penLevel, Area area);
}
