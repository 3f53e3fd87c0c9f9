package io.needleguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the system clock is synchronised with network time. It matters: sessions are stamped, and
 * pens set, by the gateway's clock, and a Raspberry Pi has no clock of its own that runs while it is
 * off. Asked of systemd: the flag file systemd-timesyncd keeps, else {@code timedatectl} (which covers
 * chrony and ntpd too).
 */
interface TimeSync {

    /** Whether the clock is synchronised; the detail says what is wrong, or where the answer came from. */
    Answer check();

    /**
     * @param known false when it cannot be told (no systemd: a laptop or a container, whose clock runs
     *              while it is off)
     */
    record Answer(boolean synchronised, boolean known, String detail) {
        Answer(boolean synchronised, String detail) {
            this(synchronised, true, detail);
        }
    }

    /** This machine's answer. */
    static TimeSync system() {
        return () -> {
            if (Files.exists(Path.of("/run/systemd/timesync/synchronized"))) {
                return new Answer(true, "synchronised (systemd-timesyncd)");
            }
            Optional<String> flag = timedatectl();
            if (flag.isEmpty()) {
                return new Answer(
                        false,
                        false,
                        "cannot tell whether the clock is synchronised: no systemd-timesyncd flag, and timedatectl"
                                + " did not answer (no systemd here?)");
            }
            return flag.get().equals("yes")
                    ? new Answer(true, "synchronised (timedatectl: NTPSynchronized=yes)")
                    : new Answer(
                            false, "the clock is not synchronised (timedatectl: NTPSynchronized=" + flag.get() + ")");
        };
    }

    /** {@code timedatectl show -p NTPSynchronized --value} on the machine's own system bus. */
    private static Optional<String> timedatectl() {
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            List.of("timedatectl", "show", "--property=NTPSynchronized", "--value"))
                    .redirectErrorStream(true);
            // timedated lives on the real system bus, whatever bus a simulation points needleguard at.
            builder.environment().remove("DBUS_SYSTEM_BUS_ADDRESS");
            Process p = builder.start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && (out.equals("yes") || out.equals("no")) ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
