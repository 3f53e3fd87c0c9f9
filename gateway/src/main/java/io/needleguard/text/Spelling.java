package io.needleguard.text;

import java.util.Comparator;
import java.util.Locale;

/** "Did you mean ...?" for a misspelt key or name: the closest allowed one within two edits. */
public final class Spelling {

    private Spelling() {}

    /** {@code " (did you mean 'serial'?)"}, or empty when nothing allowed is close. */
    public static String suggestion(String written, java.util.Collection<String> allowed) {
        return allowed.stream()
                // Two edits cannot bridge a greater difference in length; and a megabyte of text is no typo.
                .filter(candidate -> Math.abs(written.length() - candidate.length()) <= 2)
                .filter(candidate -> distance(written, candidate) <= 2)
                .min(Comparator.comparingInt(candidate -> distance(written, candidate)))
                .map(candidate -> " (did you mean '" + candidate + "'?)")
                .orElse("");
    }

    /** Levenshtein distance, case-insensitive. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
