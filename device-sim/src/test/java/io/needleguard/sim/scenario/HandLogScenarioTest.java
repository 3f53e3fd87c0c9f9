package io.needleguard.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.household.Device;
import io.needleguard.json.InputError;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code devices} and {@code handLog} in scenario files: read, resolved, and refused with their paths. */
class HandLogScenarioTest {

    private static final Instant START = Instant.parse("2026-03-02T18:00:00Z");

    /** Alex with a pen and a roller, Sam with a pen without Bluetooth, and {@code handLog} as given. */
    private static String withHandLog(String entries) {
        return """
                { "start": "2026-03-02T19:00:00+01:00",
                  "owners": [ { "id": "alex", "zone": "Europe/Berlin" }, { "id": "sam" } ],
                  "pens": [ { "serial": "SIM-0001", "owner": "alex" } ],
                  "devices": [ { "id": "roller-1", "kind": "roller", "owner": "alex", "needleLengthMm": 0.5 },
                               { "id": "pen-2", "kind": "pen", "owner": "sam" } ],
                  "sessions": [],
                  "handLog": [ %s ] }
                """.formatted(entries);
    }

    private static List<String> errors(String json) {
        return ScenarioJson.errors("hand.json", json).errors().stream()
                .map(InputError::toString)
                .toList();
    }

    @Test
    void entriesAreResolvedTheirOwnerAndDepthFromTheDeviceLoggedWhenOverUnlessLater() {
        Scenario scenario = ScenarioJson.read("hand.json", withHandLog("""
                        { "device": "roller-1", "at": "PT10M", "area": "cheeks", "duration": "PT8M" },
                        { "device": "pen-2", "at": "P1D", "area": "neck", "depthMm": 0.25, "cartridge": "S-1",
                          "loggedAt": "2026-03-05T12:00:00+01:00" },
                        { "owner": "sam", "device": "roller-1", "at": "P2D", "area": "nose" }"""));

        assertEquals(
                List.of(
                        new Device("roller-1", Device.Kind.ROLLER, "alex", Optional.of(Depth.ofMm("0.5"))),
                        new Device("pen-2", Device.Kind.PEN, "sam", Optional.empty())),
                scenario.devices());
        assertEquals(
                List.of(
                        new ScenarioHandEntry(
                                0,
                                "alex",
                                START.plus(Duration.ofMinutes(10)),
                                Optional.of(Duration.ofMinutes(8)),
                                Area.CHEEKS,
                                Depth.ofMm("0.5"),
                                "",
                                Optional.of("roller-1"),
                                START.plus(Duration.ofMinutes(18))),
                        new ScenarioHandEntry(
                                1,
                                "sam",
                                START.plus(Duration.ofDays(1)),
                                Optional.empty(),
                                Area.NECK,
                                Depth.ofMm("0.25"),
                                "S-1",
                                Optional.of("pen-2"),
                                Instant.parse("2026-03-05T11:00:00Z")),
                        new ScenarioHandEntry(
                                2,
                                "sam",
                                START.plus(Duration.ofDays(2)),
                                Optional.empty(),
                                Area.NOSE,
                                Depth.ofMm("0.5"),
                                "",
                                Optional.of("roller-1"),
                                START.plus(Duration.ofDays(2)))),
                scenario.handLog());
        assertEquals(
                List.of(0, 2, 1),
                scenario.handLogInLoggingOrder().stream()
                        .map(ScenarioHandEntry::index)
                        .toList());
        Scenario moved = scenario.startingAt(START.plus(Duration.ofDays(7)));
        assertEquals(
                START.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(18)),
                moved.handLog().get(0).loggedAt());
    }

    @Test
    void whatTheGatewayWouldRefuseIsRefusedHereWithItsPath() {
        assertEquals(
                List.of(
                        "$.handLog[0].device: \"roller-9\" is not a listed device; use one of: roller-1, pen-2",
                        "$.handLog[1].depthMm: 0.75 is not the needle length of roller-1 (0.5); leave \"depthMm\" out"
                                + " for a roller",
                        "$.handLog[2].depthMm: required field is missing; use a number of mm from 0 to 3.00 with at"
                                + " most two decimals, e.g. 0.5",
                        "$.handLog[3].depthMm: 0 is no needling; use a number of mm from 0 to 3.00 with at most two"
                                + " decimals, e.g. 0.5",
                        "$.handLog[4].loggedAt: is before the session is over (2026-03-03T18:10:00Z); a session is"
                                + " logged once it has happened",
                        "$.handLog[5].owner: \"kim\" is not an owner; use one of: alex, sam",
                        "$.handLog[6].strokeHz: unknown field; allowed here: owner, at, area, depthMm, duration,"
                                + " cartridge, device, loggedAt",
                        "$.handLog[8]: is the same session as $.handLog[7] (sam, neck, 2026-03-06T18:00:00Z); log it"
                                + " once"),
                errors(withHandLog("""
                        { "device": "roller-9", "at": "P1D", "area": "cheeks", "depthMm": 0.5 },
                        { "device": "roller-1", "at": "P1D", "area": "cheeks", "depthMm": 0.75 },
                        { "device": "pen-2", "at": "P1D", "area": "cheeks" },
                        { "owner": "alex", "at": "P1D", "area": "cheeks", "depthMm": 0 },
                        { "device": "pen-2", "at": "P1D", "area": "neck", "depthMm": 0.25, "duration": "PT10M",
                          "loggedAt": "P1DT5M" },
                        { "owner": "kim", "at": "P1D", "area": "neck", "depthMm": 0.25 },
                        { "device": "pen-2", "at": "P2D", "area": "neck", "depthMm": 0.25, "strokeHz": 120 },
                        { "device": "pen-2", "at": "P4D", "area": "neck", "depthMm": 0.25 },
                        { "owner": "sam", "at": "P4D", "area": "neck", "depthMm": 0.5 }""")));
    }

    /** An entry on a device with an error says nothing more: the device's error is the one mistake. */
    @Test
    void devicesAreCheckedLikeTheConfigurationChecksThem() {
        assertEquals(
                List.of(
                        "$.devices[0].needleLengthMm: required field is missing: a roller's needles have one length;"
                                + " use a roller's needle length in mm, from 0.01 to 3.00, e.g. 0.5",
                        "$.devices[1].needleLengthMm: is for rollers: a pen's depth is set for each session; leave it"
                                + " out, or make the kind roller",
                        "$.devices[2].kind: \"stamp\" is not a kind of device; use one of: roller, pen",
                        "$.devices[3].id: \"r1\" is already the id of $.devices[2]; device ids must be unique",
                        "$.devices[4].owner: required field is missing, as the default owner \"me\" is not in"
                                + " $.owners; use one of: alex"),
                errors("""
                        { "start": "2026-03-02T19:00:00+01:00",
                          "owners": [ { "id": "alex" } ],
                          "pens": [ { "serial": "SIM-0001", "owner": "alex" } ],
                          "devices": [ { "id": "r0", "kind": "roller", "owner": "alex" },
                                       { "id": "p0", "kind": "pen", "owner": "alex", "needleLengthMm": 0.5 },
                                       { "id": "r1", "kind": "stamp", "owner": "alex" },
                                       { "id": "r1", "kind": "pen", "owner": "alex" },
                                       { "id": "r2", "kind": "pen" } ],
                          "sessions": [],
                          "handLog": [ { "device": "r0", "at": "P1D", "area": "neck" } ] }
                        """));
    }
}
