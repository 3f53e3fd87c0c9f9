package io.needleguard.history;

import io.needleguard.session.Area;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The area choices port in memory (held to the SQLite adapter's semantics by the contract test). */
public final class InMemoryAreaChoices implements AreaChoices {

    private final Map<String, Area> areas = new TreeMap<>();

    @Override
    public synchronized Optional<Area> chosenArea(String pen) {
        return Optional.ofNullable(areas.get(pen));
    }

    @Override
    public synchronized void chooseArea(String pen, Area area, Instant at) {
        areas.put(pen, area);
    }

    @Override
    public synchronized Map<String, Area> chosenAreas() {
        return new TreeMap<>(areas);
    }
}
