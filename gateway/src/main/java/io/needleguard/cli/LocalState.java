package io.needleguard.cli;

import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.history.ChangeLog;
import io.needleguard.history.HandLog;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.Owner;
import io.needleguard.mqtt.bridge.MqttBridge;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.pairing.Allowlist;
import io.needleguard.pairing.PairedPens;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.store.SqliteDatabase;
import io.needleguard.store.SqliteStore;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the household-level commands ({@code status}, {@code rules}, {@code condition}, {@code area},
 * {@code aftercare}...) work on: the configuration (or its defaults), the history, and the people,
 * known from the configuration and from the history.
 */
final class LocalState implements AutoCloseable {

    final GatewayConfig config;
    final SqliteStore store;
    final Household household;
    final SafetyCheck check;

    final HouseholdChanges changes;
    private final Optional<Path> configFile;

    private LocalState(
            GatewayConfig config,
            Optional<Path> configFile,
            SqliteStore store,
            HouseholdChanges changes,
            Household household) {
        this.config = config;
        this.configFile = configFile;
        this.store = store;
        this.changes = changes;
        this.household = household;
        this.check = SafetyCheck.standard(config.ruleBook());
    }

    /**
     * @param mustExist true for every command but those that start a history ({@code run}, {@code pair},
     *                  and {@code log} or {@code condition add} with {@code --new-history}): a missing
     *                  history is then refused (exit 2), not created empty in the wrong place with the
     *                  command's entry in it, lost from the real one
     * @param orElse    what else to do when it is missing, for the message ({@code ""} for none)
     */
    static LocalState open(ConfigOption configOption, DataDirOption dataDirOption, boolean mustExist, String orElse) {
        return open(configOption, dataDirOption, mustExist, false, orElse);
    }

    static LocalState open(ConfigOption configOption, DataDirOption dataDirOption, boolean mustExist) {
        return open(configOption, dataDirOption, mustExist, false, "");
    }

    /**
     * @param readOnly true for commands that only read: a history its owner made read-only is read as
     *                 it is (and must exist)
     */
    static LocalState open(
            ConfigOption configOption, DataDirOption dataDirOption, boolean mustExist, boolean readOnly) {
        return open(configOption, dataDirOption, mustExist, readOnly, "");
    }

    private static LocalState open(
            ConfigOption configOption,
            DataDirOption dataDirOption,
            boolean mustExist,
            boolean readOnly,
            String orElse) {
        ConfigLoader loader = ConfigLoader.forThisMachine();
        GatewayConfig config = configOption.loadOrDefaults(loader, "needleguard");
        Path dir = dataDirOption.resolve(config.dataDir());
        refuseWithoutAccess(dir);
        if (mustExist && !Files.exists(dir.resolve(SqliteDatabase.FILE_NAME))) {
            String where = dataDirOption.given().isPresent()
                    ? "given with --data-dir"
                    : config.dataDir().isPresent()
                            ? "the configuration's data-dir, "
                                    + configOption.file().map(Path::toString).orElse("")
                            : "the default";
            throw new InvalidInputException("no history in " + dir + " (" + where + "): nothing has been recorded"
                    + " there. If your history is elsewhere, point --data-dir at the directory that holds "
                    + SqliteDatabase.FILE_NAME + "; 'needleguard run' or 'needleguard pair' starts a new one"
                    + (orElse.isEmpty() ? "" : ", " + orElse));
        }
        SqliteStore store = readOnly ? SqliteStore.openToRead(dir) : SqliteStore.open(dir);
        ZoneId system = ZoneId.systemDefault();
        // The configured people first (the first is whose a pen without an owner is), then anyone else
        // the history knows of: sessions recorded for them stay theirs.
        HouseholdChanges changes = changes(config, configOption.file(), store, system);
        Household configured = changes.household();
        Map<String, Owner> owners = new LinkedHashMap<>();
        configured.owners().forEach(o -> owners.put(o.id(), o));
        store.sessions().ownerZones().forEach((id, zone) -> owners.putIfAbsent(id, new Owner(id, zone)));
        Map<String, String> penOwners = new LinkedHashMap<>();
        for (String pen : pens(config, store.pairings())) {
            penOwners.put(pen, configured.ownerOfPen(pen).id());
        }
        Household household = new Household(new ArrayList<>(owners.values()), penOwners, configured.devices(), system);
        return new LocalState(config, configOption.file(), store, changes, household);
    }

    /** The household API, changing at the time of {@code clock} (a command's injected clock). */
    HouseholdChanges changes(Clock clock) {
        return changes(config, configFile, store, ZoneId.systemDefault(), clock);
    }

    private static HouseholdChanges changes(GatewayConfig config, Optional<Path> file, SqliteStore store, ZoneId zone) {
        return changes(config, file, store, zone, Clock.systemDefaultZone());
    }

    /** The household API over this configuration and history (the command line's, and {@code run}'s). */
    static HouseholdChanges changes(
            GatewayConfig config, Optional<Path> file, SqliteStore store, ZoneId zone, Clock clock) {
        return new HouseholdChanges(
                config.householdFile(file.map(Path::toString)),
                store.household(),
                // A pen the sim backend simulates is recorded without being paired: the sessions it left
                // make it this gateway's pen too, so that its owner can be chosen or it can be lent.
                serial -> store.pairings().pairedPen(serial).isPresent()
                        || store.sessions().pens().contains(serial),
                zone,
                clock);
    }

    /**
     * A history this user cannot open (the Debian package's, 0700 for its own user) is said to be so, with
     * the user that can: not taken for a missing one, and not found only after work was done.
     */
    private static void refuseWithoutAccess(Path dir) {
        Path file = dir.resolve(SqliteDatabase.FILE_NAME);
        boolean denied = Files.isDirectory(dir)
                ? !Files.isReadable(dir)
                        || !Files.isExecutable(dir)
                        || (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file)))
                : false;
        if (!denied) {
            return;
        }
        String me = System.getProperty("user.name");
        String owner;
        try {
            owner = Files.getOwner(Files.exists(file) ? file : dir).getName();
        } catch (IOException | UnsupportedOperationException e) {
            owner = "";
        }
        throw new InvalidInputException("permission denied: cannot open the history in " + dir
                + (owner.isEmpty() || owner.equals(me)
                        ? "; check its permissions (ls -ld " + dir + "), or choose another --data-dir"
                        : ", which belongs to user " + owner + " (you are " + me + "); run the command as that user:"
                                + " sudo -u " + owner + " needleguard ..."));
    }

    /**
     * The recorder a command re-judges sessions with: what it changes is reported over MQTT as the
     * running gateway would, by writing the messages to the outbox in the same transaction (a
     * running gateway publishes them within a second; otherwise the next one to start does).
     */
    SessionRecorder recorder(Clock clock) {
        ChangeLog changeLog = config.mqtt().enabled()
                ? new OutboxChangeLog(MqttBridge.messages(config.mqtt().settings(), household), store.outbox())
                : ChangeLog.NONE;
        return new SessionRecorder(store.history(), check, household, clock, RecorderListener.NONE, changeLog);
    }

    /** Sessions logged by hand, recorded as {@link #recorder} records: reported over MQTT as the gateway would. */
    HandLog handLog(Clock clock) {
        return recorder(clock).handLog();
    }

    /**
     * The owner asked for, or everyone the user would expect: the configured owners, and anyone with
     * sessions or conditions in the history (not the implicit default owner of an empty household).
     */
    List<Owner> owners(String only) {
        if (only == null) {
            return household.owners().stream()
                    .filter(o -> config.owners().stream().anyMatch(c -> c.id().equals(o.id()))
                            || changes.people().stream()
                                    .anyMatch(m -> m.source() == HouseholdChanges.Source.DATABASE
                                            && m.owner().id().equals(o.id()))
                            || !store.sessions()
                                    .list(HistoryQuery.all().withOwner(o.id()))
                                    .isEmpty()
                            || !store.conditions().conditions(o.id()).isEmpty())
                    .toList();
        }
        return List.of(known(only));
    }

    /** An owner the configuration or the history knows, by id; else exit 2 with the known ones. */
    Owner known(String id) {
        List<String> ids = household.owners().stream().map(Owner::id).toList();
        return household
                .owner(id)
                .orElseThrow(() -> new InvalidInputException("--owner: " + Quote.of(id) + " is not an owner"
                        + Spelling.suggestion(id, ids) + "; known: " + String.join(", ", ids)));
    }

    /**
     * The one person a command acts for: the one given, or the only person of the configuration (with
     * no owners configured, {@code me}); with several, the user must say which.
     */
    Owner one(String option) {
        if (option != null) {
            return known(option);
        }
        List<Owner> people = changes.household().owners();
        if (people.size() == 1) {
            return household.owner(people.get(0).id()).orElseThrow();
        }
        throw new InvalidInputException("--owner: this gateway records " + people.size()
                + " people; say whose with --owner "
                + String.join(" or --owner ", people.stream().map(Owner::id).toList()));
    }

    /** The pens this gateway records: the configured ones, then the ones paired with {@code needleguard pair}. */
    static List<String> pens(GatewayConfig config, PairedPens paired) {
        Set<String> serials = new LinkedHashSet<>();
        config.pens().forEach(p -> serials.add(p.serial()));
        paired.pairedPens().forEach(p -> serials.add(p.serial()));
        return List.copyOf(serials);
    }

    List<String> pens() {
        return pens(config, store.pairings());
    }

    static Allowlist allowlist(GatewayConfig config, PairedPens paired, Clock clock) {
        return allowlist(config, paired, clock, Map.of());
    }

    /** @param simulated a simulator's own pens, serial to address, recorded as if configured */
    static Allowlist allowlist(GatewayConfig config, PairedPens paired, Clock clock, Map<String, String> simulated) {
        Map<String, Optional<String>> configured = new LinkedHashMap<>();
        simulated.forEach((serial, address) -> configured.put(serial, Optional.of(address)));
        config.pens().forEach(p -> configured.put(p.serial(), p.address()));
        return new Allowlist(configured, paired, clock);
    }

    @Override
    public void close() {
        store.close();
    }
}
