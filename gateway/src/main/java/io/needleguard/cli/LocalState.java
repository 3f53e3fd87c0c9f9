package io.needleguard.cli;

import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.config.InvalidInputException;
import io.needleguard.pairing.Allowlist;
import io.needleguard.pairing.PairedPens;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.store.SqliteHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the household-level commands ({@code status}, {@code rules}, {@code condition}, {@code area},
 * {@code aftercare}) work on: the configuration (or its defaults), the history, and the people, known
 * from the configuration and from the history.
 */
final class LocalState implements AutoCloseable {

    final GatewayConfig config;
    final SqliteHistory store;
    final Household household;
    final SafetyCheck check;

    private LocalState(GatewayConfig config, SqliteHistory store, Household household) {
        this.config = config;
        this.store = store;
        this.household = household;
        this.check = SafetyCheck.standard(config.ruleBook());
    }

    /**
     * @param mustExist true for commands that only read: a missing history is then an error, not
     *                  an empty one created by mistake in the wrong place
     */
    static LocalState open(ConfigOption configOption, DataDirOption dataDirOption, boolean mustExist) {
        ConfigLoader loader = ConfigLoader.forThisMachine();
        GatewayConfig config = configOption.loadOrDefaults(loader, "needleguard");
        Path dir = dataDirOption.resolve(config.dataDir());
        if (mustExist && !Files.exists(dir.resolve(SqliteHistory.FILE_NAME))) {
            throw new InvalidInputException("no history in " + dir + " yet; run 'needleguard demo' or 'needleguard run',"
                    + " or point --data-dir at the directory that holds " + SqliteHistory.FILE_NAME);
        }
        SqliteHistory store = SqliteHistory.open(dir);
        ZoneId system = ZoneId.systemDefault();
        Household configured = config.household(system);
        Map<String, Owner> owners = new LinkedHashMap<>();
        store.ownerZones().forEach((id, zone) -> owners.put(id, new Owner(id, zone)));
        configured.owners().forEach(o -> owners.put(o.id(), o));
        Household household = new Household(new ArrayList<>(owners.values()), config.pens().stream()
                .collect(java.util.stream.Collectors.toMap(GatewayConfig.Pen::serial, GatewayConfig.Pen::owner)),
                system);
        return new LocalState(config, store, household);
    }

    /**
     * The owner asked for, or everyone the user would expect: the configured owners, and anyone with
     * sessions or conditions in the history (not the implicit default owner of an empty household).
     */
    List<Owner> owners(String only) {
        if (only == null) {
            return household.owners().stream()
                    .filter(o -> config.owners().stream().anyMatch(c -> c.id().equals(o.id()))
                            || !store.list(io.needleguard.history.HistoryQuery.all().withOwner(o.id())).isEmpty()
                            || !store.conditions(o.id()).isEmpty())
                    .toList();
        }
        return List.of(household.owner(only).orElseThrow(() -> new InvalidInputException("--owner: '" + only
                + "' is not an owner; known: " + String.join(", ", household.owners().stream().map(Owner::id).toList()))));
    }

    /** The pens this gateway records: the configured ones, then the ones paired with {@code needleguard pair}. */
    static List<String> pens(GatewayConfig config, PairedPens paired) {
        java.util.Set<String> serials = new java.util.LinkedHashSet<>();
        config.pens().forEach(p -> serials.add(p.serial()));
        paired.pairedPens().forEach(p -> serials.add(p.serial()));
        return List.copyOf(serials);
    }

    static Allowlist allowlist(GatewayConfig config, PairedPens paired, Clock clock) {
        Map<String, Optional<String>> configured = new LinkedHashMap<>();
        config.pens().forEach(p -> configured.put(p.serial(), p.address()));
        return new Allowlist(configured, paired, clock);
    }

    @Override
    public void close() {
        store.close();
    }
}
