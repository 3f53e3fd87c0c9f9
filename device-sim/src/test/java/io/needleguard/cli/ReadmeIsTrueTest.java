package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.store.SqliteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the README and hand-log.md tell a new user works as written: the package file it names is the one
 * the build makes, and the hand-log examples run, with the configuration they show, as they are typed.
 */
class ReadmeIsTrueTest {

    private static final Path ROOT = Path.of("..");
    /** After every example's times, whatever the machine's time zone. */
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theDebianPackageTheDocsInstallIsTheFileTheBuildMakes() throws IOException {
        Matcher version = Pattern.compile("<artifactId>needleguard-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(version.find());
        String file = "needleguard_" + version.group(1).replace("-SNAPSHOT", "~SNAPSHOT") + "_all.deb";
        for (Path doc : List.of(ROOT.resolve("README.md"), ROOT.resolve("src/docs/raspberry-pi.md"))) {
            Matcher installs = Pattern.compile("apt install \\./(needleguard_\\S+_all\\.deb)")
                    .matcher(Files.readString(doc));
            int found = 0;
            while (installs.find()) {
                assertEquals(file, installs.group(1), doc + " installs a file the build does not make");
                found++;
            }
            assertTrue(found > 0, doc + " installs the package");
        }
    }

    @Test
    void theReadmesHandLogExampleRunsWithTheConfigurationItShows() throws IOException {
        String section = section(Files.readString(ROOT.resolve("README.md")), "## Sessions logged by hand");
        runs(block(section, "yaml"), block(section, "sh"), "./needleguard ");
    }

    @Test
    void handLogMdsExampleRunsWithTheConfigurationItShows() throws IOException {
        String doc = Files.readString(ROOT.resolve("src/docs/hand-log.md"));
        runs(
                block(section(doc, "## Devices without Bluetooth"), "yaml"),
                block(doc, "sh").replaceAll("(?m)^needleguard log delete.*$", ""),
                "needleguard ");
    }

    /** Each command of {@code commands} on a history a gateway already started, with {@code yaml} as configuration. */
    private void runs(String yaml, String commands, String prefix) throws IOException {
        Path config = Files.writeString(dir.resolve("needleguard.yaml"), yaml);
        Path data = dir.resolve("data");
        SqliteStore.open(data).close();
        int ran = 0;
        for (String line : commands.lines().toList()) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(line.substring(prefix.length())
                    .replaceAll("#.*$", "")
                    .trim()
                    .split("\\s+")));
            args.addAll(List.of("--config", config.toString(), "--data-dir", data.toString()));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] all = args.toArray(String[]::new);
            CommandLine cli = Main.commandLine(all);
            CommandLine log = cli.getSubcommands().get("log");
            ((LogCommand) log.getCommand()).clock = LATER;
            ((LogCommand.Edit) log.getSubcommands().get("edit").getCommand()).clock = LATER;
            ((LogCommand.Delete) log.getSubcommands().get("delete").getCommand()).clock = LATER;
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            assertEquals(0, cli.execute(all), line + "\n" + out + err);
            ran++;
        }
        assertTrue(ran >= 3, "the example has its commands: " + commands);
        assertFalse(commands.isBlank());
    }

    private static String section(String doc, String heading) {
        int from = doc.indexOf(heading);
        assertTrue(from >= 0, "no section " + heading);
        int next = doc.indexOf("\n## ", from + heading.length());
        return next < 0 ? doc.substring(from) : doc.substring(from, next);
    }

    private static String block(String text, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(text);
        assertTrue(m.find(), "no " + language + " block in:\n" + text);
        return m.group(1);
    }
}
