package io.needleguard.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * A JSON syntax error in words a user can act on: where it is and what is wrong, without the parser's
 * internals (Jackson's source descriptions and limit names). The YAML configuration's errors are
 * {@code config.YamlErrors}', which words SnakeYAML's and hands the rest here.
 */
public final class ParseErrors {

    private ParseErrors() {}

    /** {@code " at line 3, column 7: expected ',' or ']'"}: the place, then the problem. */
    public static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return ": " + limit(e.getOriginalMessage());
        }
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return where + ": " + plain(e.getOriginalMessage());
    }

    /** Jackson's limits say which setting of theirs was hit; a user needs what is too big. */
    private static String limit(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Number value length")) {
            return "a number is too long (at most " + ReadLimits.NUMBER_DIGITS + " digits)";
        }
        if (m.startsWith("Document nesting depth")) {
            return "the document nests too deeply (at most " + ReadLimits.NESTING + " levels)";
        }
        if (m.startsWith("String value length")) {
            return "a text value is too long (at most " + ReadLimits.STRING_CHARACTERS + " characters)";
        }
        if (m.startsWith("Name length")) {
            return "a field name is too long (at most " + ReadLimits.NAME_CHARACTERS + " characters)";
        }
        return "the file exceeds what the reader accepts (" + plain(m) + ")";
    }

    /** Drops Jackson's source description and the names of its settings from a message. */
    static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.replaceAll("\\s*\\[Source: [^\\]]*\\]", "")
                .replaceAll(",? ?from `[A-Za-z.()]+`", "")
                .replaceAll("\\s*\\(`?StreamReadFeature[^)]*\\)", "")
                .strip();
    }
}
