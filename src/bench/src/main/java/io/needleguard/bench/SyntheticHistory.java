package io.needleguard.bench;

import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.Outbox;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.store.SqliteStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A household's sessions over years, the same in every run: two people, three pens, a session every
 * {@code interval} in turn on each pen, areas in rotation, depths from 0.25 to 1 mm, a fresh cartridge
 * mostly and now and then one used again. Close enough to trip the spacing, frequency and cartridge
 * rules regularly, so judging does real work.
 */
final class SyntheticHistory {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant FIRST = Instant.parse("2000-01-03T18:00:00Z");
    static final Map<String, String> OWNER_OF_PEN =
            Map.of("P-A1", "alex", "P-S1", "sam", "P-A2", "alex", "P-L", "alex");
    static final Household HOUSEHOLD =
            new Household(List.of(new Owner("alex", ZONE), new Owner("sam", ZONE)), OWNER_OF_PEN, ZONE);

    private static final String[] PENS = {"P-A1", "P-S1", "P-A2"};
    private static final Area[] AREAS = {
        Area.CHEEKS, Area.FOREHEAD, Area.NECK, Area.CHIN, Area.JAWLINE, Area.DECOLLETE, Area.HANDS, Area.BODY
    };
    private static final String[] DEPTHS = {"0.25", "0.5", "0.5", "0.75", "1.0"};

    private SyntheticHistory() {}

    /** Session {@code i} of the timeline (0-based); pen counters start at 1. */
    static Session session(int i, Duration interval) {
        SplittableRandom random = new SplittableRandom(i * 7919L);
        String pen = PENS[i % PENS.length];
        Instant start = FIRST.plus(interval.multipliedBy(i)).plusSeconds(random.nextInt(0, 1_200));
        Duration length = Duration.ofMinutes(random.nextInt(4, 16));
        // Every 40th session uses the cartridge of the same pen's session before it again.
        int cartridge = i % 40 == 39 ? i - PENS.length : i;
        return new Session(
                new SessionId(pen, i / PENS.length + 1L),
                OWNER_OF_PEN.get(pen),
                AREAS[(i / PENS.length) % AREAS.length],
                Depth.ofMm(DEPTHS[random.nextInt(DEPTHS.length)]),
                120,
                start,
                start.plus(length),
                "C-" + cartridge);
    }

    /** A session of alex on the late pen, {@code daysBefore} days before the first of the timeline. */
    static Session late(int counter, int daysBefore) {
        Instant start = FIRST.minus(Duration.ofDays(daysBefore));
        return new Session(
                new SessionId("P-L", counter),
                "alex",
                Area.CHEEKS,
                Depth.ofMm("0.5"),
                120,
                start,
                start.plusSeconds(600),
                "C-L" + counter);
    }

    static Messages messages() {
        return new Messages(new Topics("needleguard"), HOUSEHOLD::zoneOf);
    }

    /** The gateway's recorder over {@code store}, writing each change's messages to its outbox. */
    static SessionRecorder recorder(SqliteStore store, Clock clock) {
        return new SessionRecorder(
                store.history(),
                SafetyCheck.standard(),
                HOUSEHOLD,
                clock,
                new RecorderListener() {},
                new OutboxChangeLog(messages(), store.outbox()));
    }

    /**
     * Records sessions {@code from} (inclusive) to {@code to} (exclusive) in timeline order, a thousand
     * to a transaction (one fsync each, not one a session), emptying the outbox after each as a
     * connected publisher would.
     */
    static void fill(SqliteStore store, SessionRecorder recorder, int from, int to, Duration interval) {
        for (int batch = from; batch < to; batch += 1_000) {
            int first = batch;
            int end = Math.min(to, batch + 1_000);
            store.database().atomically(() -> {
                for (int i = first; i < end; i++) {
                    recorder.record(session(i, interval));
                }
                return null;
            });
            empty(store.outbox());
        }
    }

    static void empty(Outbox outbox) {
        while (outbox.size() > 0) {
            List<Long> ids = new ArrayList<>();
            outbox.oldest(5_000).forEach(e -> ids.add(e.id()));
            outbox.acknowledge(ids);
        }
    }
}
