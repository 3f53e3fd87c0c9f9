package io.needleguard.sim.cli;

/** {@link GatewayKilledAtRandom}, long: 200 kills, with {@code ./mvnw -B verify -Preliability}. */
class GatewayKilledAtRandomLongRun extends GatewayKilledAtRandom {

    @Override
    int kills() {
        return Integer.getInteger("reliability.kills", 200);
    }
}
