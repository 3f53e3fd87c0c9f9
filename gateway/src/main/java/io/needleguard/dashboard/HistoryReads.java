package io.needleguard.dashboard;

import io.needleguard.history.AreaChoices;
import io.needleguard.history.ConditionHistory;
import io.needleguard.history.SessionHistory;

/** The parts of the history the dashboard reads: sessions and their findings, conditions, area choices. */
public interface HistoryReads {

    SessionHistory sessions();

    ConditionHistory conditions();

    AreaChoices areas();
}
