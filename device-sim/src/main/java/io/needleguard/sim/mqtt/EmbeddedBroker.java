package io.needleguard.sim.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * An MQTT broker inside this process (Moquette), on a free loopback port, for the zero-setup demo and
 * fast tests. Nothing outside this machine can reach it; nothing is kept on disk. Needs Moquette on
 * the class path: device-sim brings it, the gateway does not.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final Server server;
    private final int port;

    private EmbeddedBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker on a free loopback port. */
    public static EmbeddedBroker start() {
        IOException last = null;
        // A port found free can be taken by another process before the broker binds it; try again then.
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            try {
                return startOn(port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("could not start the embedded MQTT broker on a free loopback port", last);
    }

    /** Starts a broker on the given loopback port (tests that restart a broker at the same address). */
    public static EmbeddedBroker startOn(int port) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(BrokerConstants.HOST_PROPERTY_NAME, LOOPBACK);
        properties.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        properties.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(BrokerConstants.NETTY_EPOLL_PROPERTY_NAME, "false");
        properties.setProperty(BrokerConstants.IMMEDIATE_BUFFER_FLUSH_PROPERTY_NAME, "true");
        // Moquette's default of 8 KB would drop a session with many findings and its aftercare plan.
        properties.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        // Moquette reports usage to its authors by default; a health-data gateway never phones home.
        properties.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        properties.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
        properties.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
        Server server = new Server();
        server.startServer(new MemoryConfig(properties));
        return new EmbeddedBroker(server, port);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://" + LOOPBACK + ":" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
