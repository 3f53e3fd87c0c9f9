package io.needleguard.cli;

import io.needleguard.config.GatewayConfig;
import io.needleguard.household.Owner;
import io.needleguard.person.PersonRecord;
import io.needleguard.person.PersonRecords;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** One person as the configuration and the history know them, for {@code export} and {@code owner erase}. */
final class People {

    private People() {}

    /**
     * Whether the configuration lists the person: under {@code owners:} (a pen's or device's owner must
     * be one of those), or, with no {@code owners:} at all, as the household's one person {@code me}.
     */
    static boolean configured(GatewayConfig config, String id) {
        return config.owners().isEmpty()
                ? id.equals(Owner.DEFAULT_ID)
                : config.owners().stream().anyMatch(o -> o.id().equals(id));
    }

    static PersonRecord record(LocalState state, Owner owner, Instant now) {
        Set<String> recorded = new HashSet<>(state.pens());
        return PersonRecords.of(
                owner,
                configured(state.config, owner.id()),
                state.store.sessions(),
                state.store.conditions(),
                state.store.areas(),
                recorded,
                now);
    }
}
