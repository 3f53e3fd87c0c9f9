package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.gateway.Gateway;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdInForce;
import io.needleguard.household.MemoryHouseholdRecords;
import io.needleguard.link.FakeBle;
import io.needleguard.link.FakePen;
import io.needleguard.session.SessionId;
import io.needleguard.testing.Await;
import io.needleguard.testing.LogCapture;
import io.needleguard.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 1: a running gateway applies an edit of its configuration file's household (here a pen
 * given to another owner) to the next session it records, without a restart (before: the owner of the
 * start until a restart, with nothing said); an edit the loader refuses keeps what is in force and says
 * why, once.
 */
class ConfigEditsWhileRunningTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HEAD = "ble: {backend: sim}\nmqtt: {enabled: false}\n"
            + "owners:\n  - {id: alex, zone: UTC}\n  - {id: kim, zone: UTC}\n";

    @TempDir
    Path temp;

    private final List<String> radio = new CopyOnWriteArrayList<>();
    private final FakeBle ble = new FakeBle();
    private final FakePen pen = new FakePen("PEN-1", "PEN-1", "C0:00:00:00:00:01", radio);
    private final InMemoryHistory history = new InMemoryHistory();
    private final ConfigLoader loader = new ConfigLoader(ZoneOffset.UTC, "test");
    private final LogCapture log = new LogCapture("needleguard");

    private Path file;
    private Gateway gateway;
    private ConfigFileWatch watch;
    private int saves;

    @BeforeEach
    void aGatewayStartedWithAlexsPen() throws Exception {
        file = temp.resolve("needleguard.yaml");
        save(HEAD + "pens:\n  - {serial: PEN-1, owner: alex}\n");
        GatewayConfig started = loader.load(file);
        HouseholdChanges changes = new HouseholdChanges(
                started.householdFile(Optional.of(file.toString())),
                new MemoryHouseholdRecords(),
                serial -> false,
                ZoneOffset.UTC,
                Clock.fixed(Instant.parse("2026-01-06T00:00:00Z"), ZoneOffset.UTC));
        ble.add(pen);
        gateway = Gateway.builder()
                .clock(new TestClock(Instant.parse("2026-02-01T10:00:00Z")))
                .backend(ble)
                .history(history.history())
                .household(HouseholdInForce.of(changes))
                .sessionOwners(changes)
                .allowedPens(Set.of("PEN-1")::contains)
                .build();
        gateway.start();
        watch = new ConfigFileWatch(file, loader, started, changes);
        watch.start();
    }

    @AfterEach
    void stop() {
        watch.close();
        gateway.close();
        ble.close();
        log.close();
    }

    @Test
    void aPenGivenToKimInTheFileRecordsItsNextSessionForKim() throws Exception {
        save(HEAD + "pens:\n  - {serial: PEN-1, owner: kim}\n");
        Await.until(
                () -> log.count("the configuration file changed: applied pens; restart needed for: nothing") == 1,
                WAIT,
                "the edit applied",
                log::messages);

        recordSession(1);

        assertEquals("kim", ownerOf(1));
    }

    @Test
    void anInvalidEditKeepsTheOwnerInForceAndSaysWhyOnce() throws Exception {
        save(HEAD + "pens:\n  - {serial: PEN-1, owner: sam}\n");
        Await.until(
                () -> log.count("cannot be used, so the settings in force stay") == 1,
                WAIT,
                "the refusal",
                log::messages);
        save(HEAD + "pens:\n  - {serial: PEN-1, owner: sam}\n"); // saved again as it was: not said again
        save(HEAD + "pens:\n  - {serial: PEN-1, owner: alex}\nmqtt: {enabled: false, root: home}\n");
        Await.until(
                () -> log.count("the configuration file changed: applied nothing; restart needed for: mqtt") == 1,
                WAIT,
                "the valid edit after it",
                log::messages);

        recordSession(1);

        assertEquals("alex", ownerOf(1));
        List<String> refusals = log.messages().stream()
                .filter(m -> m.contains("cannot be used"))
                .toList();
        assertEquals(1, refusals.size(), refusals::toString);
        assertTrue(refusals.get(0).contains("sam"), refusals.get(0)); // the loader's message names the bad value
    }

    /** Writes the file with a modification time of its own: two saves within a clock tick still differ. */
    private void save(String text) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(
                file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++saves)));
    }

    private void recordSession(long counter) {
        pen.record(counter);
        ble.advertise(pen);
        Await.until(() -> pen.kept().isEmpty(), WAIT, "the pen's session stored", radio::toString);
    }

    private String ownerOf(long counter) {
        return history.sessions()
                .find(new SessionId("PEN-1", counter))
                .orElseThrow()
                .session()
                .owner();
    }
}
