package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code doctor} cannot tell on this machine (whether the clock is synchronised, with no systemd to
 * ask: a laptop, a container) is said as such, with how to find out; it is not a failure.
 */
class DoctorWhatItCannotTellTest {

    @TempDir
    Path dir;

    @Test
    void aClockNobodyCanAskAboutIsUnknownNotFailed() throws Exception {
        Path data = Files.createDirectory(
                dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "ble: {backend: sim}\nmqtt: {enabled: false}\ndata-dir: " + data + "\n");
        DoctorCommand doctor = new DoctorCommand();
        doctor.timeSync = () -> new TimeSync.Answer(
                false,
                false,
                "cannot tell whether the clock is synchronised: no systemd-timesyncd flag, and timedatectl did not"
                        + " answer (no systemd here?)");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(doctor);
        cli.setOut(new PrintWriter(out, true));

        int code = cli.execute("--config", config.toString());

        assertEquals(0, code, out.toString());
        assertTrue(
                out.toString().contains("\n?    time: cannot tell whether the clock is synchronised"), out.toString());
        assertTrue(out.toString().contains("; to tell: compare it with the time on your phone"), out.toString());
        assertTrue(out.toString().endsWith("checks passed; 1 could not be told here (?).\n"), out.toString());
    }
}
