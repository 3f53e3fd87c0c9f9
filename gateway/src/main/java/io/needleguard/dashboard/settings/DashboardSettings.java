package io.needleguard.dashboard.settings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the local dashboard listens and who may use it: the configuration's {@code dashboard:}
 * section (see src/docs/dashboard.md).
 *
 * <p>A package of its own, as {@code mqtt.MqttSettings} is apart from the MQTT adapter: the
 * configuration makes these settings, and the dashboard reads what people type in its form with the
 * configuration's {@code HandEntryText}; with the settings inside the dashboard's package the two would
 * depend on each other.
 *
 * @param enabled   whether {@code needleguard run} serves it
 * @param address   the IP address to listen on, as an address literal ({@code 127.0.0.1} by default);
 *                  anything but a loopback address opens it to the network
 * @param port      the TCP port; 0 takes any free one (and the log says which)
 * @param tokenFile the file whose first line is the access token; required when the address is not a
 *                  loopback address, optional (then also required of local clients) when it is
 */
public record DashboardSettings(boolean enabled, InetAddress address, int port, Optional<Path> tokenFile) {

    public static final String DEFAULT_LISTEN = "127.0.0.1:8421";
    public static final int DEFAULT_PORT = 8421;

    public DashboardSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tokenFile, "tokenFile");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0 to 65535: " + port);
        }
        if (enabled && !address.isLoopbackAddress() && tokenFile.isEmpty()) {
            throw new IllegalArgumentException(
                    "the dashboard listens on " + address.getHostAddress() + " (not loopback) only with a token file");
        }
    }

    /** On by default, on {@code 127.0.0.1:8421}, without a token: only this machine can reach it. */
    public static DashboardSettings defaults() {
        return loopback(DEFAULT_PORT);
    }

    /** This machine only, on {@code port} (0: any free port): what the demo serves. */
    public static DashboardSettings loopback(int port) {
        return new DashboardSettings(true, loopbackAddress(), port, Optional.empty());
    }

    public DashboardSettings disabled() {
        return new DashboardSettings(false, address, port, tokenFile);
    }

    /** Whether only this machine can connect (the address is a loopback address). */
    public boolean loopbackOnly() {
        return address.isLoopbackAddress();
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code 127.0.0.1:8421}, {@code [::1]:8421}: as the configuration writes it. */
    public String listen() {
        return hostPort(address, port);
    }

    public static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static InetAddress loopbackAddress() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
