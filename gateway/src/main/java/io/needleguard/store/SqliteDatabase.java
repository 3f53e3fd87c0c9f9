package io.needleguard.store;

import io.needleguard.history.ChangeSignal;
import io.needleguard.history.Transactions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The history database file, {@code needleguard.db} in the data directory: its one connection, its
 * schema migrations and its transactions. WAL journal, owner-only permissions. Calls are serialized;
 * the adapters of each port ({@link SqliteSessions}, {@link SqliteOutbox}...) run their SQL through
 * {@link #read} and {@link #write}, so a unit of work spans ports.
 */
public final class SqliteDatabase implements Transactions, ChangeSignal, AutoCloseable {

    public static final String FILE_NAME = "needleguard.db";

    /** SQL run with the connection; its SQLException becomes a {@link StoreException} naming the work. */
    @FunctionalInterface
    interface Sql<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private Connection connection;
    private int transactionDepth;
    /** Statements prepared on {@link #connection}, by their SQL: see {@link #prepared}. */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    private SqliteDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Does, on the calling thread, what the first {@link #open} in this JVM would otherwise do first:
     * loads the driver and SQLite's native library, and opens, queries and closes a database in memory.
     * Touches no file. A failure is left for {@code open} to report, with its reason and fix.
     */
    public static void warmUp() {
        try (Connection c = config(false).createConnection("jdbc:sqlite::memory:");
                PreparedStatement select = c.prepareStatement("SELECT 'text' AS t, 1 AS n");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            text(rs, "t");
            rs.getLong("n");
        } catch (SQLException | RuntimeException | LinkageError e) {
            // open() meets the same problem and says what it is
        }
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir}: the directory 0700, the file 0600,
     * the schema migrated to the latest version.
     */
    public static SqliteDatabase open(Path dataDir) {
        return open(dataDir, true);
    }

    /**
     * @param durable false only for a history thrown away when the process ends ({@code replay}'s): its
     *                commits skip the fsync that {@code synchronous=FULL} makes, which is most of their cost
     */
    static SqliteDatabase open(Path dataDir, boolean durable) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        HistoryFiles.refuseLinks(dir, file);
        HistoryFiles.refuseReadOnly(dir);
        try {
            OwnerOnlyFiles.directory(dir);
        } catch (IOException e) {
            throw HistoryFiles.cannotCreate(dir, e);
        }
        if (!HistoryFiles.writable(dir, file)) {
            throw HistoryFiles.notWritable(dir, file);
        }
        SQLiteConfig config = config(durable);
        Connection connection = null;
        try {
            if (!Files.exists(file)) {
                HistoryFiles.create(file, c -> Migrations.migrate(c, file), config);
            }
            HistoryFiles.refuseEmpty(file);
            OwnerOnlyFiles.file(file);
            OwnerOnlyFiles.tightenIfPresent(dir.resolve(FILE_NAME + "-wal"));
            OwnerOnlyFiles.tightenIfPresent(dir.resolve(FILE_NAME + "-shm"));
            connection = config.createConnection("jdbc:sqlite:" + file);
            Migrations.migrate(connection, file);
            return new SqliteDatabase(file, connection);
        } catch (IOException e) {
            closeQuietly(connection);
            throw HistoryFiles.cannotCreate(dir, e);
        } catch (SQLException e) {
            closeQuietly(connection);
            if (e instanceof SQLiteException sqlite
                    && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB
                            || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT)) {
                throw new StoreException(
                        file + " is not a needleguard history database (it is not SQLite, or it is"
                                + " damaged); move it away, or choose another --data-dir",
                        e);
            }
            throw HistoryFiles.failed(file, "open the history database", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Opens the history in {@code dataDir} for a command that only reads it. A history that may be
     * written is opened as {@link #open} does (its permissions tightened, its schema brought up to
     * date); one its owner made read-only is read as it is, and nothing of it is changed but for group
     * and others losing their permissions. It must exist.
     */
    public static SqliteDatabase openToRead(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        HistoryFiles.refuseLinks(dir, file);
        if (HistoryFiles.writable(dir, file)) {
            return open(dataDir);
        }
        Connection connection = null;
        try {
            OwnerOnlyFiles.tightenIfPresent(dir);
            for (String name : new String[] {"", "-wal", "-shm"}) {
                OwnerOnlyFiles.tightenIfPresent(dir.resolve(FILE_NAME + name));
            }
            HistoryFiles.refuseEmpty(file);
            connection = readOnlyConfig().createConnection("jdbc:sqlite:" + readOnlyUri(dir, file));
            int version = Migrations.version(connection);
            if (version < Migrations.latest()) {
                throw new StoreException(file + " is read-only and was written by an older needleguard (schema version "
                        + version + "; this one reads " + Migrations.latest() + "): make it writable (chmod u+w " + dir
                        + " " + file + ") and run any needleguard command once to bring it up to date");
            }
            Migrations.migrate(connection, file); // refuses a newer schema, changes nothing otherwise
            return new SqliteDatabase(file, connection);
        } catch (IOException e) {
            closeQuietly(connection);
            throw new StoreException("cannot read the history " + file + " (" + e.getMessage() + ")", e);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw HistoryFiles.failed(file, "read the history database", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Read-only; and where not even SQLite's shared-memory file may be made beside it (a read-only
     * directory without a write-ahead log to read), as an immutable file: nothing can be writing it.
     */
    private static String readOnlyUri(Path dir, Path file) throws IOException {
        Path wal = dir.resolve(FILE_NAME + "-wal");
        boolean logToRead = Files.exists(wal) && Files.size(wal) > 0;
        boolean immutable = !OwnerOnlyFiles.ownerMayWrite(dir) && !logToRead;
        return file.toUri() + (immutable ? "?immutable=1" : "?mode=ro");
    }

    private static SQLiteConfig readOnlyConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        return config;
    }

    private static SQLiteConfig config(boolean durable) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL, not the usual WAL pairing NORMAL: a pen deletes a session once we have committed it, so a
        // commit must survive a power cut. Sessions are a few a day; the fsync costs nothing that matters.
        config.setSynchronous(durable ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.OFF);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized <T> T atomically(Supplier<T> work) {
        Connection c = connection();
        if (transactionDepth > 0) {
            transactionDepth++;
            try {
                return work.get();
            } finally {
                transactionDepth--;
            }
        }
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw failed("start a transaction", e);
        }
        transactionDepth = 1;
        try {
            T result = work.get();
            c.commit();
            return result;
        } catch (SQLException e) {
            forgetPrepared();
            rollback(c, e);
            throw failed("save", e);
        } catch (RuntimeException e) {
            rollback(c, e);
            throw e;
        } finally {
            transactionDepth = 0;
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                // The work's own outcome (its result or its error) is what the caller needs; the next
                // transaction fails clearly if the connection really is unusable.
            }
        }
    }

    /** Runs SQL that only reads. */
    synchronized <T> T read(String what, Sql<T> sql) {
        try {
            return sql.run(connection());
        } catch (SQLException e) {
            forgetPrepared();
            throw failed(what, e);
        }
    }

    /** Runs SQL that writes, in the surrounding unit of work or in one of its own. */
    <T> T write(String what, Sql<T> sql) {
        return atomically(() -> read(what, sql));
    }

    /**
     * SQLite's {@code data_version}: it changes when another connection (another process) commits,
     * and not for this connection's own commits. Reading it touches no table.
     */
    @Override
    public synchronized long version() {
        return read("read the data version", c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA data_version")) {
                return rs.getLong(1);
            }
        });
    }

    /** Binds each argument to its parameter, in order. */
    static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    /**
     * A TEXT column, null for SQL NULL. Read as the column's UTF-8 bytes (SQLite hands a text value's
     * bytes to {@code getBytes} unchanged) and decoded here: sqlite-jdbc's {@code getString} wraps each
     * value in a new direct buffer first, which made reading a ten-year history a third slower
     * (src/docs/performance.md).
     */
    static String text(ResultSet rs, String column) throws SQLException {
        byte[] utf8 = rs.getBytes(column);
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    StoreException failed(String what, SQLException e) {
        return HistoryFiles.failed(file, what, e);
    }

    /** A value that cannot be read back: the database was written by a newer needleguard. */
    StoreException unknown(String kind, String value) {
        return new StoreException("history database " + file + " holds an unknown " + kind + " '" + value
                + "'; was it written by a newer needleguard?");
    }

    private Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("the history database " + file + " is closed");
        }
        return connection;
    }

    /**
     * Undoes the transaction; a failure to do so is attached to the original failure, never replaces it.
     * After some failures (a full disk, an I/O error) SQLite has already undone the whole transaction
     * itself, and says there is none to undo: that is the outcome wanted, not a second failure.
     */
    private static void rollback(Connection c, Exception original) {
        try {
            c.rollback();
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                original.addSuppressed(e);
            }
        }
    }

    /**
     * Forgets the prepared statements after a failure: the driver finalizes a statement that failed for
     * a full disk or an I/O error, and one kept from before would fail every later use ("statement is not
     * executing"), long after the disk has room again. They are prepared again as they are needed.
     */
    private void forgetPrepared() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // finalized already
            }
        }
        prepared.clear();
    }

    /**
     * The statement for {@code sql}, prepared once for the life of the connection and kept: preparing
     * (parsing and planning) costs more than running most of the queries a session needs, and they run
     * for every session. Only for constant SQL, from inside {@link #read} or {@link #write}; the caller
     * binds every parameter, closes its result sets, and does not close the statement.
     */
    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection().prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    @Override
    public synchronized void close() {
        prepared.clear(); // closed with the connection
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing: nothing left to do with the error.
            }
        }
    }
}
