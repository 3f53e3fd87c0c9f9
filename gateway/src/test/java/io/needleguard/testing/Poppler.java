package io.needleguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Poppler's {@code pdftotext} and {@code pdftoppm} (Debian package {@code poppler-utils}): a PDF read as
 * a person's reader reads it, its text extracted and its pages rendered to images.
 */
public final class Poppler {

    private static final Path PDFTOTEXT = Path.of("/usr/bin/pdftotext");
    private static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");

    private Poppler() {}

    /**
     * Skips the test when poppler-utils is not installed, saying which package to install; on CI
     * ({@code CI=true}) it fails instead, so the test is never skipped there by accident.
     */
    public static void assumeInstalled() {
        if (Files.isExecutable(PDFTOTEXT) && Files.isExecutable(PDFTOPPM)) {
            return;
        }
        String message = "pdftotext and pdftoppm are not installed: install the Debian package 'poppler-utils'"
                + " (.ci/run does)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    /** The PDF's text as laid out on its pages (a table's row on one line), page after page. */
    public static String text(Path pdf) throws IOException, InterruptedException {
        Path out = pdf.resolveSibling(pdf.getFileName() + ".txt");
        run(List.of(PDFTOTEXT.toString(), "-layout", pdf.toString(), out.toString()));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Every page rendered to a PNG at {@code dpi}, in order. */
    public static List<Path> pages(Path pdf, int dpi) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(pdf.resolveSibling(pdf.getFileName() + "-pages"));
        run(List.of(
                PDFTOPPM.toString(),
                "-r",
                Integer.toString(dpi),
                "-png",
                pdf.toString(),
                dir.resolve("page").toString()));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, p.exitValue(), command + ": " + output);
    }
}
