package io.needleguard.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Compressed answers for the browsers that ask for them ({@code Accept-Encoding: gzip}): the page, its
 * script and the chart library shrink to about a third, a month of sessions as JSON to a tenth. Answers
 * smaller than {@link #WORTH_IT} are sent as they are: a gzip header costs more than it saves there.
 */
final class Gzip {

    static final int WORTH_IT = 512;

    private Gzip() {}

    /** Whether {@code Accept-Encoding} headers accept gzip (and do not refuse it with {@code q=0}). */
    static boolean accepted(List<String> acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String header : acceptEncoding) {
            for (String item : header.split(",")) {
                String[] parts = item.strip().split(";");
                String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                    continue;
                }
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
                    refused |= param.matches("q=0(\\.0{0,3})?");
                }
                if (!refused) {
                    return true;
                }
            }
        }
        return false;
    }

    static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte array
        }
        return out.toByteArray();
    }
}
