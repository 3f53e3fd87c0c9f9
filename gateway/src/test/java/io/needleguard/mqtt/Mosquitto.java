package io.needleguard.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import io.needleguard.testing.ChildProcesses;
import io.needleguard.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker (Debian package {@code mosquitto}) for integration tests: on a free loopback
 * port, with a generated configuration, optionally a password file and TLS with certificates made
 * here. It can be stopped and started again on the same port, as an outage would.
 */
public final class Mosquitto implements AutoCloseable {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    private final Path dir;
    private final int port;
    private final boolean tls;
    private final Path passwordFile;
    private Process process;

    private Mosquitto(Path dir, int port, boolean tls, Path passwordFile) {
        this.dir = dir;
        this.port = port;
        this.tls = tls;
        this.passwordFile = passwordFile;
    }

    /**
     * Skips the test when Mosquitto is not installed, saying which package to install; on CI
     * ({@code CI=true}) a missing broker fails the test instead, so it can never be skipped there by accident.
     */
    public static void assumeInstalled() {
        if (Files.isExecutable(MOSQUITTO)) {
            return;
        }
        String message = "Mosquitto is not installed: install the Debian package 'mosquitto' (.ci/run does)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    /** An anonymous plain-TCP broker. */
    public static Mosquitto plain(Path dir) throws IOException {
        return start(new Mosquitto(dir, FreePorts.loopback(), false, null), null, null);
    }

    /** A plain-TCP broker that wants a login. */
    public static Mosquitto withLogin(Path dir, String user, String password) throws IOException {
        Path passwords = dir.resolve("passwords");
        Mosquitto broker = new Mosquitto(dir, FreePorts.loopback(), false, passwords);
        broker.setPassword(user, password);
        return start(broker, null, passwords);
    }

    /** A broker that wants TLS (certificates in {@code certificates}) and a login. */
    public static Mosquitto secured(Path dir, TestCertificates certificates, String user, String password)
            throws IOException {
        Path passwords = dir.resolve("passwords");
        Mosquitto broker = new Mosquitto(dir, FreePorts.loopback(), true, passwords);
        broker.setPassword(user, password);
        return start(broker, certificates, passwords);
    }

    private static Mosquitto start(Mosquitto broker, TestCertificates certificates, Path passwords) throws IOException {
        Files.createDirectories(broker.dir);
        List<String> config = new ArrayList<>(List.of(
                "listener " + broker.port + " 127.0.0.1",
                // Persistent, as brokers in homes are: a consumer's session and its queued messages
                // survive a broker restart.
                "persistence true",
                "persistence_location " + broker.dir + "/",
                "autosave_interval 1",
                "log_dest file " + broker.dir.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                "user " + System.getProperty("user.name")));
        if (passwords == null) {
            config.add("allow_anonymous true");
        } else {
            config.add("allow_anonymous false");
            config.add("password_file " + passwords);
        }
        if (certificates != null) {
            config.add("cafile " + certificates.caCertificate());
            config.add("certfile " + certificates.serverCertificate());
            config.add("keyfile " + certificates.serverKey());
            config.add("require_certificate false");
        }
        Files.write(broker.dir.resolve("mosquitto.conf"), config);
        broker.start();
        return broker;
    }

    /** (Re)writes the password file for {@code user}; a running broker rereads it on {@link #reload()}. */
    public void setPassword(String user, String password) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(passwordFile);
        run(List.of(MOSQUITTO_PASSWD.toString(), "-b", "-c", passwordFile.toString(), user, password));
    }

    /** Makes the broker reread its password file (SIGHUP), as an administrator fixing a login would. */
    public void reload() throws IOException {
        run(List.of("kill", "-HUP", Long.toString(process.pid())));
    }

    public void start() throws IOException {
        process = ChildProcesses.watch(new ProcessBuilder(
                        MOSQUITTO.toString(),
                        "-c",
                        dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepting()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("mosquitto did not start on port " + port + ": "
                        + Files.readString(dir.resolve("mosquitto.out"))
                        + (Files.exists(dir.resolve("mosquitto.log"))
                                ? Files.readString(dir.resolve("mosquitto.log"))
                                : ""));
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Stops the broker (an outage); {@link #start()} brings it back on the same port. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            ChildProcesses.stop(process, Duration.ofSeconds(5));
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** What the broker logged so far (errors, warnings, notices: each connection, each refused login). */
    public String log() {
        try {
            Path log = dir.resolve("mosquitto.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return port;
    }

    /** {@code ssl://localhost:PORT} (the certificate names localhost) or {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return tls ? "ssl://localhost:" + port : "tcp://127.0.0.1:" + port;
    }

    static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
