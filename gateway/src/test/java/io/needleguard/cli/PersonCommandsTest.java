package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.store.DataDirectoryLock;
import io.needleguard.store.SqliteStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export, report and owner erase as a user runs them, on a household of two who shared a cartridge, where
 * alex has left: the configuration lists only sam.
 */
class PersonCommandsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private Path data;
    private Path config;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    private static Session session(String pen, long n, String owner, String localStart, String cartridge) {
        Instant start = java.time.LocalDateTime.parse(localStart).atZone(BERLIN).toInstant();
        return new Session(
                new SessionId(pen, n),
                owner,
                Area.CHEEKS,
                Depth.ofMm("0.5"),
                120,
                start,
                start.plus(Duration.ofMinutes(8)),
                cartridge);
    }

    @BeforeEach
    void aHouseholdAlexHasLeft() throws Exception {
        data = dir.resolve("data");
        config = dir.resolve("needleguard.yaml");
        Files.writeString(config, """
                ble: {backend: sim}
                mqtt: {enabled: false}
                owners:
                  - {id: sam, zone: Europe/Berlin}
                pens:
                  - {serial: NP-S, owner: sam}
                """);
        try (SqliteStore store = SqliteStore.open(data)) {
            Household household = new Household(
                    List.of(new Owner("alex", BERLIN), new Owner("sam", BERLIN)),
                    Map.of("NP-A", "alex", "NP-S", "sam"),
                    BERLIN);
            store.sessions().saveOwners(household.owners());
            SessionRecorder recorder = new SessionRecorder(
                    store.history(),
                    SafetyCheck.standard(),
                    household,
                    Clock.fixed(Instant.parse("2026-01-20T12:00:00Z"), ZoneOffset.UTC),
                    RecorderListener.NONE);
            recorder.record(session("NP-A", 1, "alex", "2026-01-05T19:00", "SHARED"));
            recorder.record(session("NP-A", 2, "alex", "2026-01-09T19:00", "A-2"));
            recorder.record(session("NP-S", 1, "sam", "2026-01-12T19:00", "SHARED"));
            recorder.addCondition(new ConditionPeriod(
                    0, "alex", Condition.SUNBURN, Instant.parse("2026-01-01T00:00:00Z"), Optional.empty()));
            store.areas().chooseArea("NP-A", Area.NECK, Instant.parse("2026-01-10T00:00:00Z"));
        }
    }

    @Test
    void exportWritesEverythingHeldAboutOnePersonAsTheSchemaSays() throws Exception {
        Run r = run("export", "--owner", "alex");
        assertEquals(0, r.code(), r.err());
        JsonNode json = SessionJson.MAPPER.readTree(r.out());
        Path schema = Path.of(System.getProperty("needleguard.docs", "../src/docs"), "export", "person.schema.json");
        try (InputStream in = Files.newInputStream(schema)) {
            var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(
                            in,
                            SchemaValidatorsConfig.builder()
                                    .formatAssertionsEnabled(true)
                                    .build());
            assertEquals(Set.of(), validator.validate(json), r.out());
        }
        assertEquals("alex", json.path("person").path("id").asText());
        assertFalse(json.path("person").path("configured").asBoolean(), "alex is no longer in the configuration");
        assertEquals(2, json.path("sessions").size());
        json.path("sessions").forEach(s -> assertEquals("alex", s.path("owner").asText()));
        // Each session carries the zone it was recorded in, and its times that zone's offset.
        json.path("sessions")
                .forEach(s -> assertEquals("Europe/Berlin", s.path("zone").asText()));
        assertEquals(
                "2026-01-05T19:00:00+01:00",
                json.path("sessions").path(0).path("start").asText());
        assertEquals(
                "sunburn", json.path("conditions").path(0).path("condition").asText());
        JsonNode pen = json.path("pens").path(0);
        assertEquals("NP-A", pen.path("serial").asText());
        assertTrue(pen.path("onlyTheirs").asBoolean());
        assertFalse(pen.path("recorded").asBoolean());
        assertEquals("neck", pen.path("area").asText());

        Path file = dir.resolve("alex.json");
        Run toFile = run("export", "--owner", "alex", "--output", file.toString());
        assertEquals(0, toFile.code(), toFile.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        com.fasterxml.jackson.databind.node.ObjectNode written =
                (com.fasterxml.jackson.databind.node.ObjectNode) SessionJson.MAPPER.readTree(file.toFile());
        written.set("exportedAt", json.get("exportedAt"));
        assertEquals(json, written, "the same document as on standard output");
    }

    @Test
    void reportWritesAnOwnerOnlyPdf() throws Exception {
        Path file = dir.resolve("alex.pdf");
        Run r = run("report", "--owner", "alex", "--since", "2026-01-01", "--output", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Wrote the report for alex (2026-01-01 to "), r.out());
        assertEquals("%PDF-", new String(Files.readAllBytes(file), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Run missing = run("report", "--owner", "alex");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--output"), missing.err());
    }

    @Test
    void eraseIsRefusedForAPersonTheConfigurationListsAndSaysHowToGoOn() {
        Run r = run("owner", "erase", "sam", "--yes");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("lists sam under owners:; remove them there"), r.err());
        assertTrue(r.err().contains("restart the gateway"), r.err());
        assertEquals(1, sessions("sam"), "nothing was erased");
    }

    @Test
    void eraseIsRefusedWhileAGatewayStartedBeforeTheConfigurationChangedRuns() throws Exception {
        try (DataDirectoryLock running = DataDirectoryLock.acquire(data)) {
            Files.setLastModifiedTime(
                    data.resolve(DataDirectoryLock.FILE_NAME),
                    FileTime.from(Instant.now().minusSeconds(60)));
            Files.setLastModifiedTime(config, FileTime.from(Instant.now()));
            Run r = run("owner", "erase", "alex", "--yes");
            assertEquals(2, r.code(), r.out());
            assertTrue(r.err().contains("started before " + config + " last changed"), r.err());
            assertEquals(2, sessions("alex"));
        }
    }

    @Test
    void eraseSaysWhatGoesThenErasesAndJudgesTheOthersAgain() {
        Run r = run("owner", "erase", "alex", "--yes");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("This erases everything needleguard holds about alex:"), r.out());
        assertTrue(r.out().contains("2 sessions with "), r.out());
        assertTrue(
                r.out()
                        .contains("the area choice of pen NP-A (neck): it recorded only alex's sessions and is no"
                                + " longer paired"),
                r.out());
        assertTrue(r.out().contains("Backups made before now still hold alex's data"), r.out());
        assertTrue(r.out().contains("Erased alex: 2 sessions, "), r.out());
        assertTrue(r.out().contains("1 condition, 1 area choice."), r.out());
        assertTrue(r.out().contains("1 session of other people judged again without them:"), r.out());
        assertTrue(r.out().contains("no findings now"), "sam's shared-cartridge finding is gone: " + r.out());

        assertEquals(0, sessions("alex"));
        Run history = run("history", "--owner", "alex");
        assertEquals(2, history.code(), "alex is no longer known: " + history.out());
        Run again = run("owner", "erase", "alex", "--yes");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("'alex' is not an owner"), again.err());
    }

    private int sessions(String owner) {
        try (SqliteStore store = SqliteStore.open(data)) {
            return store.sessions()
                    .list(io.needleguard.history.HistoryQuery.all().withOwner(owner))
                    .size();
        }
    }
}
