package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Debian package's manual page (src/dist/debian/needleguard.1) names the commands that
 * {@code needleguard --help} lists, in the same order, and no others: here, where the simulator's
 * commands are on the class path as they are in the package.
 */
class ManualPageTest {

    private static final Path PAGE =
            Path.of(System.getProperty("needleguard.docs", "../src/docs"), "..", "dist", "debian", "needleguard.1");

    private static List<String> helpCommands() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help"));
        String help = out.toString();
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z]+)  ").matcher(help.substring(help.indexOf("Commands:")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> pageCommands() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String section = page.substring(page.indexOf(".SH COMMANDS"), page.indexOf(".SH OPTIONS"));
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\.TP\\n\\.B ([a-z]+)$").matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void itNamesEveryCommandTheHelpListsInTheSameOrder() throws IOException {
        List<String> help = helpCommands();
        assertTrue(help.containsAll(List.of("run", "history", "doctor", "demo", "replay", "sim")), help.toString());
        assertEquals(help, pageCommands(), "src/dist/debian/needleguard.1, section COMMANDS");
    }
}
