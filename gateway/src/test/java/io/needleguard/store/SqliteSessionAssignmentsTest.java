package io.needleguard.store;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.history.Reassignment;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionAssignmentsTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00.123Z");

    @TempDir
    Path dir;

    private final Household household = new Household(
            List.of(new Owner("alex", ZoneId.of("Europe/Berlin")), new Owner("sam", ZoneId.of("Europe/Berlin"))),
            Map.of("A1", "alex"),
            ZoneOffset.UTC);

    private final Session lent =
            session("A1", 1, "alex", Instant.parse("2026-01-05T18:00:00Z"), Area.CHEEKS, "0.5", "C1");
    private final Session hand = Session.loggedByHand(
            SessionId.handEntry(1),
            "alex",
            Area.NOSE,
            io.needleguard.session.Depth.ofMm("0.25"),
            Instant.parse("2026-01-06T18:00:00Z"),
            Optional.empty(),
            "",
            Optional.empty());

    private SessionRecorder recorder(SqliteStore store) {
        return new SessionRecorder(
                store.history(),
                SafetyCheck.standard(),
                household,
                Clock.fixed(NOW, ZoneOffset.UTC),
                RecorderListener.NONE);
    }

    @Test
    void theNewOwnerAndWhoseItWasAreKeptAcrossARestart() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            recorder(store).record(lent);
            recorder(store).assign(lent.id(), "sam");
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertEquals(
                    lent.withOwner("sam").inZone(ZoneId.of("Europe/Berlin")),
                    store.sessions().find(lent.id()).orElseThrow().session());
            Reassignment kept = new Reassignment(lent.id(), "alex", NOW);
            assertEquals(Optional.of(kept), store.history().assignments().latest(lent.id()));
            assertEquals(Map.of(lent.id(), kept), store.history().assignments().latestOfEach());
        }
    }

    @Test
    void aHandEntryCanBeGivenToo_andTheLatestChangeIsShown() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            SessionRecorder recorder = recorder(store);
            SessionId id = store.sessions().newHandEntryId();
            recorder.record(hand);
            assertEquals(hand.id(), id);
            recorder.assign(id, "sam");
            recorder.assign(id, "alex");
            assertEquals(
                    "sam",
                    store.history().assignments().latest(id).orElseThrow().previousOwner());
            assertEquals(
                    "alex", store.sessions().find(id).orElseThrow().session().owner());
        }
    }

    @Test
    void erasingThePersonItWasFirstRecordedForLeavesNoTraceOfThem() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            recorder(store).record(lent);
            recorder(store).assign(lent.id(), "sam");
            store.erasure().erase("alex", Set.of("A1"));
            assertEquals(
                    "sam",
                    store.sessions().find(lent.id()).orElseThrow().session().owner());
            assertEquals(Map.of(), store.history().assignments().latestOfEach());
        }
    }
}
