package io.needleguard.person;

import io.needleguard.history.AreaChoices;
import io.needleguard.history.ConditionHistory;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SessionHistory;
import io.needleguard.household.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Gathers a {@link PersonRecord} from the history. */
public final class PersonRecords {

    private PersonRecords() {}

    /**
     * @param configured   whether the configuration lists the person
     * @param recordedPens the pens this gateway records (configured and paired)
     */
    public static PersonRecord of(
            Owner owner,
            boolean configured,
            SessionHistory history,
            ConditionHistory conditions,
            AreaChoices areas,
            Set<String> recordedPens,
            Instant now) {
        List<RecordedSession> sessions = history.list(HistoryQuery.all().withOwner(owner.id()));
        Map<String, Long> perPen = sessions.stream()
                .filter(r -> r.session().pen().isPresent())
                .collect(Collectors.groupingBy(r -> r.session().pen().get(), TreeMap::new, Collectors.counting()));
        List<PersonRecord.Pen> pens = perPen.entrySet().stream()
                .map(e -> new PersonRecord.Pen(
                        e.getKey(),
                        e.getValue().intValue(),
                        onlyOf(history, e.getKey(), owner.id()),
                        recordedPens.contains(e.getKey()),
                        areas.chosenArea(e.getKey())))
                .toList();
        return new PersonRecord(owner, configured, sessions, conditions.conditions(owner.id()), pens, now);
    }

    private static boolean onlyOf(SessionHistory history, String pen, String owner) {
        Predicate<RecordedSession> theirs = r -> r.session().owner().equals(owner);
        return history.list(HistoryQuery.all().withPen(pen)).stream().allMatch(theirs);
    }
}
