package io.needleguard.sim.cli;

/** {@link GatewayKilledAtRandom}, short: in every build. */
class GatewayKilledAtRandomTest extends GatewayKilledAtRandom {

    @Override
    int kills() {
        return 5;
    }
}
