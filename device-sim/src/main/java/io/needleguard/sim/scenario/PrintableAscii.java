package io.needleguard.sim.scenario;

import java.util.Optional;

/**
 * The text pens carry in their profile frames (serials, cartridge ids): printable ASCII from 0x21
 * to 0x7E, so no spaces, with a length limit. Checked here so a scenario never asks a simulated pen
 * to send what the codec would refuse.
 */
final class PrintableAscii {

    static final char FIRST = 0x21;
    static final char LAST = 0x7e;

    private PrintableAscii() {}

    /** What is wrong with {@code text}, or empty when it is {@code minLength..maxLength} printable ASCII. */
    static Optional<String> problem(String text, int minLength, int maxLength) {
        if (text.length() < minLength) {
            return Optional.of("is empty");
        }
        if (text.length() > maxLength) {
            return Optional.of("has " + text.length() + " characters, more than " + maxLength);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < FIRST || c > LAST) {
                return Optional.of("contains " + name(c) + " at position " + (i + 1));
            }
        }
        return Optional.empty();
    }

    private static String name(char c) {
        return c == ' ' ? "a space" : String.format("U+%04X", (int) c);
    }
}
