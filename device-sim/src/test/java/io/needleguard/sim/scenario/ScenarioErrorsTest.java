package io.needleguard.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Condition;
import io.needleguard.json.InputError;
import io.needleguard.testing.CpuBudget;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioErrorsTest {

    private static final String AREAS = "unspecified, forehead, periorbital, eyelids, nose, upper-lip, cheeks, chin, "
            + "jawline, neck, decollete, hands, body";
    private static final String DEPTH_RULE = "use a number of mm from 0 to 3.00 with at most two decimals, e.g. 0.5";

    /** A valid file with one pen and two sessions, and a hole for one more field in the second session. */
    private static String withSecondSession(String fields) {
        return """
                { "start": "2026-01-05T19:00:00+01:00",
                  "pens": [ { "serial": "SIM-0001" } ],
                  "sessions": [
                    { "pen": "SIM-0001", "at": "P0D", "area": "cheeks", "depthMm": 0.5, "strokeHz": 120, "duration": "PT10M", "cartridge": "C-1" },
                    { "pen": "SIM-0001", "at": "P3D", "duration": "PT8M", "cartridge": "C-2", %s } ] }
                """.formatted(fields);
    }

    private static List<String> errors(String json) {
        return ScenarioJson.errors("two-close.json", json).errors().stream()
                .map(InputError::toString)
                .toList();
    }

    @Test
    void anUnknownAreaNamesTheFileThePathAndTheAreas() {
        ScenarioException e = ScenarioJson.errors(
                "two-close.json", withSecondSession("\"area\": \"cheek\", \"depthMm\": 0.5, \"strokeHz\": 120"));

        assertEquals("two-close.json", e.file());
        assertEquals(
                List.of(new InputError("$.sessions[1].area", "\"cheek\" is not an area; use one of: " + AREAS)),
                e.errors());
        assertEquals(
                "two-close.json: $.sessions[1].area: \"cheek\" is not an area; use one of: " + AREAS, e.getMessage());
    }

    @Test
    void unknownFieldsAreErrorsAtEveryLevel() {
        assertEquals(
                List.of(
                        "$.comment: unknown field; allowed here: name, start, owners, pens, conditions, sessions, devices, handLog",
                        "$.pens[0].color: unknown field; allowed here: serial, model, owner",
                        "$.sessions[1].depth: unknown field (did you mean 'depthMm'?); allowed here: pen, at, area, depthMm, strokeHz, duration, cartridge, offline",
                        "$.sessions[1].depthMm: required field is missing; " + DEPTH_RULE),
                errors("""
                        { "start": "2026-01-05T19:00:00+01:00", "comment": "two sessions",
                          "pens": [ { "serial": "SIM-0001", "color": "blue" } ],
                          "sessions": [
                            { "pen": "SIM-0001", "at": "P0D", "area": "cheeks", "depthMm": 0.5, "strokeHz": 120, "duration": "PT10M", "cartridge": "C-1" },
                            { "pen": "SIM-0001", "at": "P3D", "area": "cheeks", "depth": 0.5, "strokeHz": 120, "duration": "PT8M", "cartridge": "C-2" } ] }
                        """));
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorNotConverted() {
        assertEquals(
                List.of(
                        "$.sessions[1].depthMm: \"0.5\" is a string; " + DEPTH_RULE,
                        "$.sessions[1].strokeHz: 120.0 is written with a fraction or an exponent; use a whole number of strokes per second from 0 to 1000, e.g. 120",
                        "$.sessions[1].offline: \"yes\" is a string; use true or false (the default): whether the pen is out of the gateway's range"),
                errors(withSecondSession(
                        "\"area\": \"cheeks\", \"depthMm\": \"0.5\", \"strokeHz\": 120.0, \"offline\": \"yes\"")));
    }

    @Test
    void aValueOfTheWrongTypeInAnyPlace() {
        // Pen 17's serial is unreadable, so a session on "17" is not also reported as on an unknown pen.
        assertEquals(
                List.of(
                        "$.pens[0].serial: 17 is a number; use a pen serial: 1 to 16 printable ASCII characters without spaces, e.g. SIM-0001",
                        "$.pens[1]: \"P2\" is a string; use a pen object with the fields serial, model, owner",
                        "$.sessions[0].pen: true is a boolean; use the serial of a listed pen, e.g. SIM-0001",
                        "$.sessions[0].strokeHz: 120.5 is not a whole number; use a whole number of strokes per second from 0 to 1000, e.g. 120",
                        "$.sessions[1].strokeHz: 100 is written with a fraction or an exponent; use a whole number of strokes per second from 0 to 1000, e.g. 120",
                        "$.sessions[1].cartridge: […] is an array; use a cartridge id of up to 16 printable ASCII characters without spaces, "
                                + "e.g. C-0001, or \"\" when the pen could not read one"),
                errors("""
                        { "start": "2026-01-05T19:00:00Z", "pens": [ { "serial": 17 }, "P2" ], "sessions": [
                            { "pen": true, "at": "P0D", "area": "chin", "depthMm": 0.25, "strokeHz": 120.5, "duration": "PT5M", "cartridge": "A" },
                            { "pen": "17", "at": "P1D", "area": "chin", "depthMm": 0.25, "strokeHz": 1e2, "duration": "PT5M", "cartridge": ["A"] } ] }
                        """));
    }

    @Test
    void nullIsNotADefault() {
        assertEquals(
                List.of("$.pens[0].model: null is not a value; use a model name, e.g. sim-a1"),
                errors(
                        "{ \"start\": \"2026-01-05T19:00:00Z\", \"pens\": [ { \"serial\": \"P1\", \"model\": null } ], \"sessions\": [] }"));
    }

    @Test
    void missingRequiredFieldsAreErrors() {
        assertEquals(
                List.of(
                        "$.start: required field is missing; use an ISO-8601 date-time with offset, in whole seconds, e.g. 2026-01-05T19:00:00+01:00",
                        "$.pens[0].serial: required field is missing; use a pen serial: 1 to 16 printable ASCII characters without spaces, e.g. SIM-0001",
                        "$.sessions: required field is missing; use an array of sessions, possibly empty"),
                errors("{ \"pens\": [ { \"model\": \"sim-a1\" } ] }"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "3.01  | 3.01 is deeper than a pen goes",
                "-0.1  | -0.1 is negative",
                "0.123 | 0.123 has more than two decimals (pens set depth in hundredths of a mm)",
                "1e1   | 10 is deeper than a pen goes"
            })
    void aDepthOutsideWhatAPenSetsIsAnError(String depth, String problem) {
        assertEquals(
                List.of("$.sessions[1].depthMm: " + problem + "; " + DEPTH_RULE),
                errors(withSecondSession("\"area\": \"cheeks\", \"depthMm\": " + depth + ", \"strokeHz\": 120")));
    }

    @Test
    void aSessionOnAnUnlistedPen() {
        assertEquals(List.of("$.sessions[1].pen: \"SIM-0002\" is not a listed pen; use one of: SIM-0001"), errors("""
                        { "start": "2026-01-05T19:00:00Z", "pens": [ { "serial": "SIM-0001" } ], "sessions": [
                            { "pen": "SIM-0001", "at": "P0D", "area": "chin", "depthMm": 0.25, "strokeHz": 120, "duration": "PT5M", "cartridge": "A" },
                            { "pen": "SIM-0002", "at": "P0D", "area": "chin", "depthMm": 0.25, "strokeHz": 120, "duration": "PT5M", "cartridge": "B" } ] }
                        """));
    }

    @Test
    void sessionsOfOnePenMustNotOverlapWhateverTheirOrderInTheFile() {
        assertEquals(
                List.of(
                        "$.sessions[0]: overlaps $.sessions[2], which keeps P1 busy from 2026-01-05T19:00:00Z to 2026-01-05T19:10:00Z; "
                                + "a pen does one thing at a time, so start this session at 2026-01-05T19:10:00Z or later"),
                errors("""
                        { "start": "2026-01-05T19:00:00Z", "pens": [ { "serial": "P1" }, { "serial": "P2" } ], "sessions": [
                            { "pen": "P1", "at": "PT9M59S", "area": "chin", "depthMm": 0.25, "strokeHz": 120, "duration": "PT5M", "cartridge": "A" },
                            { "pen": "P2", "at": "PT5M", "area": "chin", "depthMm": 0.25, "strokeHz": 120, "duration": "PT5M", "cartridge": "B" },
                            { "pen": "P1", "at": "P0D", "area": "nose", "depthMm": 0.25, "strokeHz": 120, "duration": "PT10M", "cartridge": "A" } ] }
                        """));
    }

    @Test
    void aSerialAndAnOwnerIdAreUnique() {
        assertEquals(
                List.of(
                        "$.owners[1].id: \"alex\" is already the id of $.owners[0]; owner ids must be unique",
                        "$.pens[2].serial: \"SIM-0001\" is already the serial of $.pens[0]; serials must be unique"),
                errors("""
                        { "start": "2026-01-05T19:00:00Z",
                          "owners": [ { "id": "alex" }, { "id": "alex" } ],
                          "pens": [ { "serial": "SIM-0001", "owner": "alex" }, { "serial": "SIM-0002", "owner": "alex" },
                                    { "serial": "SIM-0001", "owner": "alex" } ],
                          "sessions": [] }
                        """));
    }

    @Test
    void aDuplicateKeyIsASyntaxErrorWithLineAndColumn() {
        // Jackson points just after the second "area".
        assertEquals(
                List.of("$.sessions[0].area: JSON syntax error at line 4, column 13: Duplicate field 'area'"),
                errors("""
                        { "start": "2026-01-05T19:00:00Z", "pens": [ { "serial": "P1" } ], "sessions": [
                            { "pen": "P1", "at": "P0D", "area": "chin", "depthMm": 0.25, "strokeHz": 120,
                              "duration": "PT5M", "cartridge": "A",
                              "area": "nose" } ] }
                        """));
    }

    @Test
    void aConditionCannotEndBeforeItStarts() {
        assertEquals(
                List.of(
                        "$.conditions[0].until: \"2026-01-09\" is before \"from\" (2026-01-10); a condition cannot end before it starts; use 2026-01-10 or later",
                        "$.conditions[1].until: \"2026-01-10T11:59:59+01:00\" is before \"from\" (2026-01-10T12:00:00+01:00); "
                                + "a condition cannot end before it starts; use 2026-01-10T12:00:00+01:00 or later"),
                errors("""
                        { "start": "2026-01-05T19:00:00+01:00", "pens": [ { "serial": "P1" } ], "sessions": [],
                          "conditions": [
                            { "owner": "me", "condition": "sunburn", "from": "2026-01-10", "until": "2026-01-09" },
                            { "owner": "me", "condition": "sunburn", "from": "2026-01-10T12:00:00+01:00", "until": "2026-01-10T11:59:59+01:00" },
                            { "owner": "me", "condition": "sunburn", "from": "2026-01-10T12:00:00+01:00", "until": "2026-01-10T12:00:00+01:00" } ] }
                        """));
    }

    @Test
    void aConditionIdMustBeOnTheList() {
        assertEquals(
                List.of(
                                "$.conditions[0].condition: \"eczema\" is not a condition id; use one of: "
                                        + Condition.allIds(),
                                "$.conditions[0].owner: \"sam\" is not an owner; the file has no \"owners\", so the only owner is \"me\"; "
                                        + "add \"owners\", or leave \"owner\" out")
                        .stream()
                        .sorted()
                        .toList(),
                errors("""
                        { "start": "2026-01-05T19:00:00Z", "pens": [ { "serial": "P1" } ], "sessions": [],
                          "conditions": [ { "owner": "sam", "condition": "eczema", "from": "2026-01-10" } ] }
                        """).stream().sorted().toList());
    }

    @Test
    void aSyntaxErrorSaysLineAndColumn() {
        assertEquals(
                List.of(
                        "$.pens[0].serial: JSON syntax error at line 2, column 24: "
                                + "Unexpected character ('}' (code 125)): was expecting a colon to separate field name and value"),
                errors("""
                        { "start": "2026-01-05T19:00:00Z",
                          "pens": [ { "serial" "P1" }, { "serial": "P2" } ], "sessions": [] }
                        """.replace("\"serial\" \"P1\"", "\"serial\" }")));
    }

    @Test
    void numbersOfAbsurdSizeAreRefusedAtOnceAndNamedShort() {
        try (CpuBudget budget = new CpuBudget()) {
            List<String> deep = budget.answer(
                            "1e300000000",
                            () -> errors(withSecondSession(
                                    "\"area\": \"cheeks\", \"depthMm\": 1e300000000, \"strokeHz\": 1e300000000")))
                    .value();
            assertEquals(
                    List.of(
                            "$.sessions[1].depthMm: 1E+300000000 is deeper than a pen goes; " + DEPTH_RULE,
                            "$.sessions[1].strokeHz: 1E+300000000 is written with a fraction or an exponent; use a"
                                    + " whole number of strokes per second from 0 to 1000, e.g. 120"),
                    deep);
            List<String> tiny = budget.answer(
                            "-1e-999999999",
                            () -> errors(withSecondSession(
                                    "\"area\": \"cheeks\", \"depthMm\": -1e-999999999, \"strokeHz\": 120")))
                    .value();
            assertEquals(List.of("$.sessions[1].depthMm: -1E-999999999 is negative; " + DEPTH_RULE), tiny);
        }
    }

    @Test
    void aTimeBeyondThePensClockIsAnErrorNotAnOverflow() {
        // The addition to the start overflowed: ArithmeticException, no file or field named.
        List<String> found = errors("""
                { "start": "2026-01-05T19:00:00+01:00",
                  "pens": [ { "serial": "SIM-0001" } ],
                  "sessions": [ { "pen": "SIM-0001", "at": "P106751991167300DT0S", "area": "cheeks", "depthMm": 0.5,
                                  "strokeHz": 120, "duration": "PT8M", "cartridge": "C-1" } ] }
                """);
        assertEquals(1, found.size(), found.toString());
        assertTrue(
                found.get(0).startsWith("$.sessions[0].at: \"P106751991167300DT0S\" comes after 2106-02-07T06:28:15Z,"),
                found.toString());
    }

    @Test
    void theOwnersAReferenceCouldNameAreListedShort() {
        // Every declared id was listed whole: a 100,000-character id made a 100 KB message.
        List<String> found =
                errors("{ \"start\": \"2026-01-05T19:00:00+01:00\", \"pens\": [ { \"serial\": \"SIM-0001\","
                        + " \"owner\": \"alex\" } ], \"owners\": [ { \"id\": \"" + "a".repeat(100_000)
                        + "\", \"zone\": \"UTC\" } ], \"sessions\": [] }");
        assertEquals(2, found.size(), found.toString());
        assertEquals("$.pens[0].owner: \"alex\" is not an owner; use one of: " + "a".repeat(40) + "…", found.get(1));
    }

    @Test
    void aFieldNameOfAMegabyteIsNamedByItsStart() {
        List<String> found = errors("{ \"start\": \"2026-01-05T19:00:00+01:00\", \"" + "x".repeat(1 << 20)
                + "\": 1, \"pens\": [], \"sessions\": [] }");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).length() < 300, found.get(0));
    }

    @Test
    void aReadersLimitIsSaidInWordsNotInTheParsersNames() {
        List<String> found = errors("{ \"start\": " + "1".repeat(2000) + " }");
        assertEquals(List.of("$: JSON syntax error: a number is too long (at most 100 digits)"), found);
        List<String> deep = errors("[".repeat(1500) + "]".repeat(1500));
        assertEquals(List.of("$: JSON syntax error: the document nests too deeply (at most 64 levels)"), deep);
        assertTrue(
                found.stream().noneMatch(e -> e.contains("StreamReadConstraints") || e.contains("[Source:")),
                found.toString());
    }

    @Test
    void anythingAfterTheScenarioObjectIsASyntaxError() {
        assertEquals(
                List.of("$: JSON syntax error at line 2, column 1: more after the end of the scenario object"),
                errors(
                        "{ \"start\": \"2026-01-05T19:00:00Z\", \"pens\": [ { \"serial\": \"P1\" } ], \"sessions\": [] }\n{ }"));
        // Jackson points just after the token it could not read.
        assertEquals(
                List.of("$: JSON syntax error at line 1, column 5: Unrecognized token 'x': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                errors("{ }x"));
    }

    @Test
    void emptyOrNotAnObject() {
        assertEquals(List.of("$: the file is empty; a scenario is a JSON object"), errors("  \n"));
        assertEquals(
                List.of(
                        "$: […] is an array; use a JSON object with the fields name, start, owners, pens, conditions, sessions, devices, handLog"),
                errors("[]"));
    }

    @Test
    void everyErrorIsReportedAtOnceOneLineEach() {
        ScenarioException e = ScenarioJson.errors("many.json", """
                { "name": "",
                  "start": "2026-01-05T19:00:00",
                  "owners": [ { "id": "Alex", "zone": "Europe/Berln", "skinType": "7" }, { "id": "sam", "zone": 1 } ],
                  "pens": [ { "serial": "SIM 0001", "owner": "alex" }, { "serial": "SIM-0002" } ],
                  "sessions": [
                    { "pen": "SIM-0002", "at": "-P1D", "area": "eyelid", "depthMm": 0.5, "strokeHz": 1001,
                      "duration": "PT4H1M", "cartridge": "C-000000000000001" },
                    { "pen": "SIM-0002", "at": "2026-01-05T19:00:00", "area": "chin", "depthMm": 0.5, "strokeHz": -1,
                      "duration": "P1M", "cartridge": "C 1" } ] }
                """);

        List<String> expected = List.of(
                "$.name: \"\" is blank; use a name for the scenario, or leave \"name\" out to use the file name",
                "$.start: \"2026-01-05T19:00:00\" has no offset; use an ISO-8601 date-time with offset, in whole seconds, e.g. 2026-01-05T19:00:00+01:00",
                "$.owners[0].id: \"Alex\" is not an owner id; use an owner id: a lowercase letter or digit, then up to 31 lowercase letters, digits or '-', e.g. alex",
                "$.owners[0].zone: \"Europe/Berln\" is not a time zone; use an IANA time zone id, e.g. Europe/Berlin",
                "$.owners[0].skinType: \"7\" is not a skin type; use a Fitzpatrick skin type, one of: I, II, III, IV, V, VI",
                "$.owners[1].zone: 1 is a number; use an IANA time zone id, e.g. Europe/Berlin",
                "$.pens[0].serial: \"SIM 0001\" contains a space at position 4; use a pen serial: 1 to 16 printable ASCII characters without spaces, e.g. SIM-0001",
                "$.pens[0].owner: \"alex\" is not an owner; use one of: Alex, sam",
                "$.pens[1].owner: required field is missing, as the default owner \"me\" is not in $.owners; use one of: Alex, sam",
                "$.sessions[0].at: \"-P1D\" is negative; use a duration after the scenario's start, e.g. P3DT1H, or a date-time with offset, e.g. 2026-01-05T19:00:00+01:00",
                "$.sessions[0].area: \"eyelid\" is not an area; use one of: " + AREAS,
                "$.sessions[0].strokeHz: 1001 is above what a pen reports; use a whole number of strokes per second from 0 to 1000, e.g. 120",
                "$.sessions[0].duration: \"PT4H1M\" is longer than PT4H; use a duration longer than zero and at most PT4H, in whole seconds, e.g. PT10M",
                "$.sessions[0].cartridge: \"C-000000000000001\" has 17 characters, more than 16; use a cartridge id of up to 16 printable ASCII "
                        + "characters without spaces, e.g. C-0001, or \"\" when the pen could not read one",
                "$.sessions[1].at: \"2026-01-05T19:00:00\" has no offset; use a duration after the scenario's start, e.g. P3DT1H, or a date-time with offset, e.g. 2026-01-05T19:00:00+01:00",
                "$.sessions[1].strokeHz: -1 is negative; use a whole number of strokes per second from 0 to 1000, e.g. 120",
                "$.sessions[1].duration: \"P1M\" is not a duration; use a duration longer than zero and at most PT4H, in whole seconds, e.g. PT10M",
                "$.sessions[1].cartridge: \"C 1\" contains a space at position 2; use a cartridge id of up to 16 printable ASCII "
                        + "characters without spaces, e.g. C-0001, or \"\" when the pen could not read one");
        assertEquals(expected, e.errors().stream().map(InputError::toString).toList());
        assertEquals(
                expected.stream().map(line -> "many.json: " + line).toList(),
                e.getMessage().lines().toList());
    }
}
