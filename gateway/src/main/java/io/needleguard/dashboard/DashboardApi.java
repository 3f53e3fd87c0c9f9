package io.needleguard.dashboard;

import io.needleguard.backup.BackupStatus;
import java.util.function.Supplier;

/**
 * The API's resource groups over the ports the dashboard was given (src/docs/dashboard.md documents every
 * answer): the people, what the page shows of one of them, the pens, the hand log, conditions, pairing.
 */
record DashboardApi(
        People people,
        OwnerViews views,
        PenViews pens,
        HandLogged handLog,
        Conditions conditions,
        PenPairing pairing,
        PenControl control,
        HouseholdEditor household,
        HistoryChanges changes,
        ReportPrinter printer) {

    static DashboardApi over(
            DashboardPorts ports,
            PenBoard board,
            MqttState mqtt,
            Supplier<BackupStatus> backups,
            ReportPrinter printer) {
        return new DashboardApi(
                new People(ports.gateway(), ports.history()),
                new OwnerViews(ports.gateway(), ports.history()),
                new PenViews(ports.gateway(), ports.history(), ports.pens(), board, mqtt, backups),
                new HandLogged(ports.history(), ports.changes()),
                new Conditions(ports.gateway(), ports.history(), ports.changes()),
                ports.pairing(),
                ports.pens(),
                new HouseholdEditor(ports.household(), ports.gateway(), ports.history(), ports.pens()),
                ports.changes(),
                printer);
    }
}
