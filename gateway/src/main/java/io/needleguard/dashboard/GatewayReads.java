package io.needleguard.dashboard;

import io.needleguard.household.Household;
import io.needleguard.rules.SafetyCheck;
import java.time.Clock;

/**
 * What the dashboard reads of the running gateway's household: the people and devices, the rules in force
 * for them, and the gateway's clock (what "now" is on the page). A port of the dashboard's own, so that it
 * asks for no more than it shows.
 */
public interface GatewayReads {

    Household household();

    SafetyCheck rules();

    Clock clock();
}
