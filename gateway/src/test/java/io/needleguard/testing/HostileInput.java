package io.needleguard.testing;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What someone (a neighbour on the broker, a script gone wrong, a person leaning on the keyboard) could send
 * to any input of needleguard, for the hostile-input suites: numbers that are a few bytes of text and
 * astronomically large or small, text of megabytes, control characters, dates a thousand years off, JSON
 * and YAML nested thousands deep. Ordinary values are mixed in, so that what follows a refusal (a session
 * logged, an area chosen) is exercised too.
 */
public final class HostileInput {

    /** Ten megabytes of one letter: made once, shared by every try. */
    public static final String TEN_MEGABYTES = "x".repeat(10 << 20);

    private static final String TEN_MEGABYTES_JSON = "\"" + TEN_MEGABYTES + "\"";

    /** A megabyte of digits: a number no parser should have to read whole. */
    public static final String MEGABYTE_OF_DIGITS = "9".repeat(1 << 20);

    private HostileInput() {}

    /** Numbers as text: exponents of hundreds of millions, thousands of digits, and ordinary depths. */
    public static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "1e300000000",
                        "-1e-999999999",
                        "1e-999999999",
                        "-1e300000000",
                        "1e5000000",
                        "1E+2147483647",
                        "1e-2147483648",
                        "1e99999999999",
                        "0e300000000",
                        "-0",
                        "0.5",
                        "0.25",
                        "3.00",
                        "3.01",
                        "0.123",
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        "0x7fffffff",
                        "1_000",
                        "2147483648",
                        "9223372036854775808",
                        "0.50000000000000000000000000000000000000000000",
                        "1" + "0".repeat(1_000),
                        "0." + "0".repeat(5_000) + "1",
                        MEGABYTE_OF_DIGITS),
                Combinators.combine(
                                Arbitraries.of("", "-", "+"),
                                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30),
                                Arbitraries.of("", "e", "E", "e-", "e+"),
                                Arbitraries.integers().between(0, Integer.MAX_VALUE))
                        .as((sign, digits, e, exponent) -> sign + digits + (e.isEmpty() ? "" : e + exponent)));
    }

    /** Dates and times far off, malformed or ordinary. */
    public static Arbitrary<String> dates() {
        return Arbitraries.of(
                "1970-01-01T00:00",
                "1970-01-01",
                "1999-12-31T23:59",
                "2000-01-01T00:00",
                "2026-11-28T20:15",
                "2026-11-28T20:15:00+01:00",
                "2100-01-01T00:00",
                "2100-01-01",
                "+999999999-12-31T23:59:59",
                "-999999999-01-01T00:00",
                "+999999999-12-31T23:59:59-18:00",
                "-999999999-01-01T00:00:00+18:00",
                "0000-01-01T00:00",
                "2026-02-30T10:00",
                "2026-11-28T25:00",
                "2026-11-28T20:15:00+25:00",
                "2026-11-28T20:15:00.999999999999Z",
                "P1D",
                "now",
                "");
    }

    /** Durations far off, malformed or ordinary. */
    public static Arbitrary<String> durations() {
        return Arbitraries.of(
                "10m",
                "90s",
                "1h30m",
                "99h9999m99999s",
                "PT10M",
                "PT-10M",
                "PT0.000000001S",
                "PT9223372036854775807S",
                "PT" + "9".repeat(5_000) + "S",
                "P106751991167300DT0S",
                "P-106751991167300D",
                "-PT-0S",
                "0s",
                "");
    }

    /** Text of every sort: empty, control characters, unpaired surrogates, quotes, megabytes. */
    public static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        " ",
                        "cheeks",
                        "cheek",
                        "C-12",
                        "roller-1",
                        "alex",
                        "\u001b[2J\u001b[31mcheeks",
                        "cheeks\nFAKE ERROR forged line",
                        "\r\n\r\n",
                        "\u0000",
                        "\u2028\u2029",
                        "\ud800",
                        "\udfff\ud800",
                        "'\"\\",
                        "@|bold,red pwned|@",
                        "${jndi:ldap://x}",
                        "%s%n%d",
                        "../../etc/passwd",
                        "a".repeat(100_000),
                        TEN_MEGABYTES),
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(20));
    }

    /** Anything a JSON value can be, written as text: numbers, strings, nesting thousands deep, huge objects. */
    public static Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(
                numbers(),
                texts().map(HostileInput::jsonString),
                Arbitraries.of(
                        "true",
                        "null",
                        "[]",
                        "{}",
                        "[".repeat(100_000) + "]".repeat(100_000),
                        "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                        manyFields(5_000),
                        "\"unterminated",
                        "[1,2",
                        "01",
                        "\"\\ud800\""));
    }

    /** {@code {"f0": 0, "f1": 1, ...}}: a document of many unknown fields. */
    public static String manyFields(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    /** A JSON object with some of {@code fields}, each with a hostile or ordinary value, sometimes more. */
    public static Arbitrary<String> jsonObjects(List<String> fields) {
        Arbitrary<String> field = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(fields), texts()), jsonValues())
                .as((name, value) -> jsonString(name) + ":" + value);
        return Arbitraries.oneOf(
                field.list().ofMaxSize(fields.size() + 2).map(parts -> "{" + String.join(",", parts) + "}"),
                jsonValues());
    }

    /** {@code text} as a JSON string, escaped as a JSON writer would, or (sometimes) as someone would not. */
    public static String jsonString(String text) {
        if (text == TEN_MEGABYTES) {
            return TEN_MEGABYTES_JSON; // made once: escaping it on every try would be most of the suite's time
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code text} with characters changed, cut out or added: each pair of {@code edits} is a position and
     * what to do there, with a character from {@code interesting} or any other.
     */
    public static String mutate(String text, List<Integer> edits, String interesting) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i + 1 < edits.size(); i += 2) {
            int at = edits.get(i) % (out.length() + 1);
            int what = edits.get(i + 1);
            char c = what % 3 == 0 ? (char) (what % 0x3000) : interesting.charAt(what % interesting.length());
            switch (what % 4) {
                case 0 -> out.insert(at, c);
                case 1 -> {
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < out.length()) {
                        out.setCharAt(at, c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Edits for {@link #mutate}: one to six. */
    public static Arbitrary<List<Integer>> edits() {
        return Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .list()
                .ofMinSize(2)
                .ofMaxSize(12);
    }

    /** YAML nested {@code depth} deep, as flow and as block. */
    public static List<String> deepYaml(int depth) {
        List<String> documents = new ArrayList<>();
        documents.add("rules: " + "[".repeat(depth) + "]".repeat(depth));
        documents.add("rules: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth));
        StringBuilder block = new StringBuilder("rules:\n");
        for (int i = 1; i <= Math.min(depth, 2_000); i++) { // indentation grows with the square of the depth
            block.append("  ".repeat(i)).append("a").append(i).append(":\n");
        }
        documents.add(block.toString());
        // Aliases that expand to a billion elements ("billion laughs").
        StringBuilder laughs = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                laughs.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            laughs.append("]\n");
        }
        documents.add(laughs.toString());
        return documents;
    }
}
