package io.needleguard.store;

import io.needleguard.history.AreaChoices;
import io.needleguard.history.ConditionHistory;
import io.needleguard.history.History;
import io.needleguard.history.PersonErasure;
import io.needleguard.history.SessionAssignments;
import io.needleguard.history.SessionHistory;
import io.needleguard.household.HouseholdRecords;
import io.needleguard.outbox.AnnouncedDevices;
import io.needleguard.outbox.Outbox;
import io.needleguard.pairing.PairedPens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every port the gateway keeps on disk, over one SQLite database ({@link SqliteDatabase}): one small
 * adapter per port, all sharing the database's connection and transactions.
 */
public final class SqliteStore implements AutoCloseable {

    private final SqliteDatabase db;
    private final SessionHistory sessions;
    private final ConditionHistory conditions;
    private final AreaChoices areas;
    private final SessionAssignments assignments;
    private final Outbox outbox;
    private final AnnouncedDevices announced;
    private final PairedPens pairings;
    private final PersonErasure erasure;
    private final HouseholdRecords household;

    private SqliteStore(SqliteDatabase db) {
        this.db = db;
        this.sessions = new SqliteSessions(db);
        this.conditions = new SqliteConditions(db);
        this.areas = new SqliteAreaChoices(db);
        this.assignments = new SqliteSessionAssignments(db);
        this.outbox = new SqliteOutbox(db);
        this.announced = new SqliteAnnouncedDevices(db);
        this.pairings = new SqlitePairings(db);
        this.erasure = new SqlitePersonErasure(db);
        this.household = new SqliteHousehold(db);
    }

    /** Opens (creating if needed) the history in {@code dataDir}; see {@link SqliteDatabase#open}. */
    public static SqliteStore open(Path dataDir) {
        return new SqliteStore(SqliteDatabase.open(dataDir));
    }

    /**
     * Opens the history in {@code dataDir} for a command that only reads it: one made read-only is read
     * as it is; see {@link SqliteDatabase#openToRead}.
     */
    public static SqliteStore openToRead(Path dataDir) {
        return new SqliteStore(SqliteDatabase.openToRead(dataDir));
    }

    /**
     * Opens a history that is thrown away when the process ends (a replay's, in a temporary directory):
     * the same schema and adapters, without the fsync of each commit, which only a history that must
     * survive a power cut needs.
     */
    public static SqliteStore openThrowaway(Path dataDir) {
        return new SqliteStore(SqliteDatabase.open(dataDir, false));
    }

    /**
     * Removes the history in {@code dataDir}: the database and SQLite's files beside it, nothing else.
     * For a directory whose history is thrown away on purpose (the demo's own, started afresh at each
     * run); links are refused as when opening.
     */
    public static void removeHistory(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(SqliteDatabase.FILE_NAME);
        HistoryFiles.refuseLinks(dir, file);
        try {
            for (String name : new String[] {"", "-wal", "-shm", "-journal", ".new", ".new-wal", ".new-shm"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + name));
            }
        } catch (IOException e) {
            throw HistoryFiles.cannotCreate(dir, e);
        }
    }

    public Path file() {
        return db.file();
    }

    public SqliteDatabase database() {
        return db;
    }

    /** Sessions, conditions and area choices, with the transactions that span them and the change signal. */
    public History history() {
        return new History(db, sessions, conditions, areas, assignments, db);
    }

    public SessionHistory sessions() {
        return sessions;
    }

    public ConditionHistory conditions() {
        return conditions;
    }

    public AreaChoices areas() {
        return areas;
    }

    public Outbox outbox() {
        return outbox;
    }

    public AnnouncedDevices announced() {
        return announced;
    }

    public PairedPens pairings() {
        return pairings;
    }

    /** The household's people, pen owners, devices and lendings kept here (not the file's). */
    public HouseholdRecords household() {
        return household;
    }

    /** Erases a person ({@code needleguard owner erase}). */
    public PersonErasure erasure() {
        return erasure;
    }

    @Override
    public void close() {
        db.close();
    }
}
