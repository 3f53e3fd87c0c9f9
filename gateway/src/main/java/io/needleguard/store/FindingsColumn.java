package io.needleguard.store;

import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's findings as one column of the session's row, in their order: each finding's rule,
 * severity, message, source and next safe time (empty for none), each field as its length in bytes, a
 * colon, and its UTF-8 bytes. Any text survives that, whatever characters it holds.
 *
 * <p>Why not a join, one row per finding: a listing then reads every column of every finding through
 * its own call into sqlite-jdbc, and the session's columns again on each of its findings' rows. One
 * column per session made reading a ten-year history (3,652 sessions, 9,846 findings) about a third
 * faster (src/docs/performance.md).
 */
final class FindingsColumn {

    /** The column, for a session aliased {@code s}; NULL for a session without findings. Found by the finding table's key. */
    static final String SQL = "(SELECT group_concat("
            + field("f.rule") + " || " + field("f.severity") + " || " + field("f.message") + " || "
            + field("f.source") + " || " + field("ifnull(f.next_safe_at_s, '')")
            + ", '' ORDER BY f.position) FROM finding f WHERE f.pen = s.pen AND f.counter = s.counter)";

    private FindingsColumn() {}

    private static String field(String expression) {
        return "octet_length(" + expression + ") || ':' || " + expression;
    }

    /**
     * The findings {@link #SQL} gave, in their order; none for NULL.
     *
     * @throws IllegalArgumentException for bytes that are not such a column (a damaged database), or a
     *                                  severity this version does not know
     */
    static List<Finding> decode(byte[] column) {
        if (column == null) {
            return List.of();
        }
        Fields fields = new Fields(column);
        List<Finding> findings = new ArrayList<>(4);
        while (fields.hasMore()) {
            String rule = fields.next();
            String severity = fields.next();
            String message = fields.next();
            String source = fields.next();
            String nextSafe = fields.next();
            Severity known;
            try {
                known = Severity.fromId(severity);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("severity '" + severity + "'", e);
            }
            findings.add(new Finding(
                    rule,
                    known,
                    message,
                    source,
                    nextSafe.isEmpty() ? null : Instant.ofEpochSecond(Long.parseLong(nextSafe))));
        }
        return findings;
    }

    /** Reads length-prefixed fields off the column's bytes. */
    private static final class Fields {
        private final byte[] bytes;
        private int at;

        Fields(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return at < bytes.length;
        }

        String next() {
            int length = 0;
            int digits = 0;
            while (at < bytes.length && bytes[at] != ':') {
                int digit = bytes[at++] - '0';
                if (digit < 0 || digit > 9 || ++digits > 9) {
                    throw damaged();
                }
                length = length * 10 + digit;
            }
            if (digits == 0 || at >= bytes.length || length > bytes.length - at - 1) {
                throw damaged();
            }
            at++; // the colon
            String field = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return field;
        }

        private IllegalArgumentException damaged() {
            return new IllegalArgumentException("findings encoding (damaged at byte " + at + ")");
        }
    }
}
