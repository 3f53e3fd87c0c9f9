package io.needleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.session.Depth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code devices:}: devices without Bluetooth, whose sessions are logged by hand. */
class DevicesConfigTest {

    private static final ZoneId SYSTEM = ZoneId.of("Europe/Berlin");
    private final ConfigLoader loader = new ConfigLoader(SYSTEM, "bathroom-pi");

    private GatewayConfig parse(String yaml) {
        return loader.parse("needleguard.yaml", yaml);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void aRollerWithItsNeedleLengthAndAPenEachWithAnOwner() {
        GatewayConfig config = parse("""
                owners:
                  - {id: alex}
                  - {id: sam}
                devices:
                  - {id: roller-1, kind: roller, owner: sam, needle-length-mm: 0.5}
                  - {id: pen-2, kind: pen}
                """);
        List<Device> expected = List.of(
                new Device("roller-1", Device.Kind.ROLLER, "sam", Optional.of(Depth.ofMm("0.5"))),
                // Without owner: the first owner's, as for pens.
                new Device("pen-2", Device.Kind.PEN, "alex", Optional.empty()));
        assertEquals(expected, config.devices());
        Household household = config.household(SYSTEM);
        assertEquals(expected, household.devices());
        assertEquals("sam", household.device("roller-1").orElseThrow().owner());
    }

    @Test
    void theShippedExamplesDevicesUncommentedAreValid() throws Exception {
        String example = Files.readString(
                Path.of(System.getProperty("needleguard.docs", "../src/docs"), "..", "dist", "needleguard.yaml"));
        // The block starts at "# devices:" and goes on while lines are commented and indented.
        StringBuilder uncommented = new StringBuilder();
        boolean inBlock = false;
        for (String line : example.split("\n", -1)) {
            inBlock = line.equals("# devices:") || (inBlock && line.startsWith("#   "));
            uncommented.append(inBlock ? line.substring(2) : line).append('\n');
        }
        GatewayConfig config = loader.parse("needleguard.yaml", uncommented.toString());
        assertEquals(
                List.of(
                        new Device("roller-1", Device.Kind.ROLLER, "me", Optional.of(Depth.ofMm("0.5"))),
                        new Device("pen-2", Device.Kind.PEN, "me", Optional.empty())),
                config.devices());
    }

    @Test
    void withoutOwnersADeviceIsMine() {
        assertEquals(
                "me",
                parse("devices:\n  - {id: roller-1, kind: roller, needle-length-mm: 0.25}\n")
                        .devices()
                        .get(0)
                        .owner());
        assertEquals(List.of(), parse("ble: {backend: sim}\n").devices());
    }

    @Test
    void eachProblemNamesTheKeyAndTheFix() {
        assertEquals(
                "needleguard.yaml: devices[0].kind: \"rollr\" is not a kind of device (did you mean 'roller'?); use"
                        + " roller (a derma roller) or pen (a pen without Bluetooth)",
                error("devices:\n  - {id: r1, kind: rollr, needle-length-mm: 0.5}\n"));
        assertEquals(
                "needleguard.yaml: devices[0].needle-length-mm: is missing: a roller's needles have one length, e.g."
                        + " needle-length-mm: 0.5",
                error("devices:\n  - {id: r1, kind: roller}\n"));
        assertEquals(
                "needleguard.yaml: devices[0].needle-length-mm: is for rollers: a pen's depth is set for each"
                        + " session (give it when you log one); remove this key, or make the kind roller",
                error("devices:\n  - {id: p1, kind: pen, needle-length-mm: 0.5}\n"));
        assertEquals(
                "needleguard.yaml: devices[0].needle-length-mm: 3.5 is not allowed; use the needle length in mm,"
                        + " from 0.01 to 3.00 with at most two decimals, e.g. 0.5",
                error("devices:\n  - {id: r1, kind: roller, needle-length-mm: 3.5}\n"));
        assertEquals(
                "needleguard.yaml: devices[0].owner: \"alx\" is not allowed; use an owner listed under owners:"
                        + " (alex) (did you mean 'alex'?), or add this one there",
                error(
                        "owners: [{id: alex}]\ndevices:\n  - {id: r1, kind: roller, owner: alx, needle-length-mm: 0.5}\n"));
        assertEquals(
                "needleguard.yaml: devices[1].id: \"r1\" is not allowed; use each device once; this id is listed twice",
                error("devices:\n  - {id: r1, kind: pen}\n  - {id: r1, kind: pen}\n"));
        assertEquals(
                "needleguard.yaml: devices[0].id: \"Roller 1\" is not allowed; use lower-case letters, digits and"
                        + " '-', up to 32, e.g. roller-1",
                error("devices:\n  - {id: Roller 1, kind: pen}\n"));
        assertEquals(
                "needleguard.yaml: devices[0].lenght: unknown field; allowed here: id, kind, owner, needle-length-mm",
                error("devices:\n  - {id: r1, kind: pen, lenght: 1}\n"));
    }
}
