package io.needleguard.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One gateway per data directory: {@code run} holds an exclusive lock on {@code needleguard.lock} for
 * as long as it runs (the operating system releases it when the process ends, also when it is killed).
 * Two gateways on one history would record the same pens twice and, sharing an MQTT client id, throw
 * each other off the broker forever. Other commands (history, status, condition, area, pair, forget) do
 * not take it: they work beside a running gateway.
 */
public final class DataDirectoryLock implements AutoCloseable {

    public static final String FILE_NAME = "needleguard.lock";

    /** Another process holds the lock: the message names it and what to do. */
    public static final class InUse extends StoreException {
        InUse(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dataDir} (creating the directory, owner-only, if needed) for this process. */
    public static DataDirectoryLock acquire(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        HistoryFiles.refuseLinks(dir, file);
        FileChannel channel = null;
        try {
            OwnerOnlyFiles.directory(dir);
            OwnerOnlyFiles.file(file);
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new InUse(
                        "needleguard is already running on " + dir + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                                + "; stop it first (sudo systemctl stop needleguard, if it is the service), or give this one"
                                + " another --data-dir");
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw HistoryFiles.cannotCreate(dir, e);
        }
    }

    /**
     * Whether a gateway runs on {@code dataDir} now, and since when: the time it took the lock (when it
     * wrote its pid). Empty when none runs. Only looks: a shared lock held for an instant, never the
     * gateway's own.
     */
    public static Optional<Instant> runningSince(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        if (!Files.isRegularFile(file) || Files.isSymbolicLink(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe;
            try {
                probe = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException sameProcess) {
                probe = null;
            }
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The pid the holder wrote, if it says one. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return text.matches("[0-9]{1,10}") ? text : "";
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The lock goes with the channel, and with the process.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to do.
            }
        }
    }
}
