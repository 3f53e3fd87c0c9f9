package io.needleguard.text;

import java.math.BigDecimal;

/**
 * What came from outside, quoted in a message that goes back out (an error on the command line, on
 * MQTT, from the dashboard) or into the log: at most a short prefix of it, with control characters
 * escaped. A message names what was wrong; it need not repeat a megabyte of it, and text someone
 * else sent must not start a forged line (a newline), recolour a terminal (ESC) or cut a line (NUL).
 */
public final class Quote {

    /** The most characters of an input a message repeats. */
    public static final int LONGEST = 40;

    private Quote() {}

    /** {@code 'cheek'}: in single quotes, cut to {@link #LONGEST} characters, control characters escaped. */
    public static String of(String input) {
        return "'" + brief(input) + "'";
    }

    /** The input cut to {@link #LONGEST} characters (with "…" when it was longer), control characters escaped. */
    public static String brief(String input) {
        return brief(input, LONGEST);
    }

    /** The input cut to {@code longest} characters (with "…" when it was longer), control characters escaped. */
    public static String brief(String input, int longest) {
        if (input == null) {
            return "null";
        }
        if (input.length() <= longest) {
            return controls(input);
        }
        int end = longest;
        if (Character.isHighSurrogate(input.charAt(end - 1))) {
            end--; // never half a character: the cut would not encode
        }
        return controls(input.substring(0, end)) + "…";
    }

    /** The most items {@link #list} names. */
    public static final int MOST_ITEMS = 20;

    /**
     * {@code alex, sam}: names someone wrote (ids a file declares), each cut short, at most
     * {@link #MOST_ITEMS} of them, for messages that say what would have been allowed.
     */
    public static String list(java.util.Collection<String> names) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String name : names) {
            if (n == MOST_ITEMS) {
                return out.append(", … (")
                        .append(names.size() - n)
                        .append(" more)")
                        .toString();
            }
            out.append(n++ == 0 ? "" : ", ").append(brief(name));
        }
        return out.toString();
    }

    /**
     * A number as people write it when it is short ({@code 0.25}, {@code 1000}), else in scientific
     * notation and cut ({@code 1E+300000000}): the plain form of 1e300000000 has 300 million digits.
     */
    public static String number(BigDecimal n) {
        long integerDigits = (long) n.precision() - n.scale();
        String text = integerDigits <= 20 && n.scale() <= 20 ? n.toPlainString() : n.toString();
        return brief(text, 24);
    }

    /**
     * Control characters escaped: newline and carriage return as {@code \n} and {@code \r}, the others
     * (ESC, NUL, DEL, the C1 controls, the Unicode line and paragraph separators) as {@code \u001b}. Tabs
     * stay. Text without any is returned as it is.
     */
    public static String controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control =
                    (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (control) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
