package io.needleguard.config;

import static io.needleguard.config.FieldChecks.existingFile;
import static io.needleguard.json.JsonFields.Presence.OPTIONAL;

import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.json.JsonFields;
import io.needleguard.text.Quote;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code dashboard:} section: whether it runs, where it listens, and its token when others can reach it. */
final class DashboardReader {

    private static final Pattern LISTEN = Pattern.compile("(localhost|[0-9.]+|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private DashboardReader() {}

    static DashboardSettings read(JsonFields f) {
        f.allowOnly(List.of("enabled", "listen", "token-file"));
        DashboardSettings defaults = DashboardSettings.defaults();
        boolean enabled = f.bool("enabled", OPTIONAL, "true or false").orElse(true);
        InetSocketAddress listen = f.text(
                        "listen", OPTIONAL, "an address and port such as " + DashboardSettings.DEFAULT_LISTEN)
                .flatMap(l -> listen(f, l))
                .orElse(defaults.socketAddress());
        Optional<Path> tokenFile = f.text(
                        "token-file", OPTIONAL, "the path of a file whose first line is the dashboard's access token")
                .flatMap(v -> existingFile(f, "token-file", v));
        boolean lan = !listen.getAddress().isLoopbackAddress();
        if (enabled && lan && tokenFile.isEmpty()) {
            if (!f.has("token-file")) {
                f.reject(
                        "token-file",
                        "is missing: the dashboard listens on "
                                + DashboardSettings.hostPort(listen.getAddress(), listen.getPort())
                                + ", which other machines can reach, so it needs a token; write one to a file only "
                                + "needleguard can read (e.g. 'openssl rand -hex 24 > /etc/needleguard/dashboard-token')"
                                + " and give its path here, or listen on " + DashboardSettings.DEFAULT_LISTEN
                                + " (this machine only)");
            }
            return defaults.disabled(); // the configuration is refused; this value is never used
        }
        return new DashboardSettings(enabled, listen.getAddress(), listen.getPort(), tokenFile);
    }

    /** {@code 127.0.0.1:8421}, {@code 0.0.0.0:8421}, {@code [::1]:8421}, {@code localhost:8421}: no name lookups. */
    private static Optional<InetSocketAddress> listen(JsonFields f, String listen) {
        String fix = "; use an IP address and a port such as " + DashboardSettings.DEFAULT_LISTEN
                + " (this machine only), 0.0.0.0:8421 (every network interface) or this machine's LAN address";
        Matcher m = LISTEN.matcher(listen);
        if (!m.matches()) {
            f.reject("listen", JsonFields.quoted(listen) + " is not an address and port" + fix);
            return Optional.empty();
        }
        String host = m.group(1);
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            f.reject(
                    "listen",
                    JsonFields.quoted(listen) + ": " + port + " is not a port; use 1 to 65535 (or 0 for any free one)");
            return Optional.empty();
        }
        try {
            if (host.equals("localhost")) {
                return Optional.of(
                        new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), port));
            }
            if (host.startsWith("[") || IPV4.matcher(host).matches()) {
                // An address literal: InetAddress parses it without asking any name server.
                String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                return Optional.of(new InetSocketAddress(InetAddress.getByName(literal), port));
            }
        } catch (UnknownHostException e) {
            // not an address literal after all: reported below
        }
        f.reject("listen", JsonFields.quoted(listen) + ": " + Quote.brief(host) + " is not an IP address" + fix);
        return Optional.empty();
    }
}
