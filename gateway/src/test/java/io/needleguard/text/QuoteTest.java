package io.needleguard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What a message repeats of an input: short, and unable to rewrite a terminal or forge a log line. */
class QuoteTest {

    @Test
    void shortTextIsQuotedAsItIs() {
        assertEquals("'cheek'", Quote.of("cheek"));
    }

    @Test
    void longTextIsCutToItsStart() {
        assertEquals("'" + "x".repeat(40) + "…'", Quote.of("x".repeat(1_000_000)));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("'\\u001b[31mred\\nFAKE LINE\\u0000'", Quote.of("\u001b[31mred\nFAKE LINE\u0000"));
        assertEquals("tab\tstays", Quote.controls("tab\tstays"));
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String text = "x".repeat(39) + "\uD83D\uDE00" + "y";
        assertEquals("'" + "x".repeat(39) + "…'", Quote.of(text));
    }

    @Test
    void numbersArePlainWhenShortAndScientificWhenNot() {
        assertEquals("0.25", Quote.number(new BigDecimal("0.25")));
        assertEquals("1000", Quote.number(new BigDecimal("1E+3")));
        assertEquals("1E+300000000", Quote.number(new BigDecimal("1e300000000")));
        assertEquals("-1E-999999999", Quote.number(new BigDecimal("-1e-999999999")));
        assertEquals("123456789012345678901234…", Quote.number(new BigDecimal("123456789012345678901234567890")));
    }

    @Test
    void listsNameTwentyEachCutShort() {
        assertEquals("alex, sam", Quote.list(java.util.List.of("alex", "sam")));
        java.util.List<String> many = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> i == 0 ? "a".repeat(100_000) : "p" + i)
                .toList();
        String list = Quote.list(many);
        assertEquals("a".repeat(40) + "…, p1, p2", list.substring(0, 49));
        assertEquals(", … (5 more)", list.substring(list.length() - 12));
    }
}
