package io.needleguard.mqtt.bridge;

import java.nio.charset.StandardCharsets;

/**
 * A command's payload as text, for the answer on the error topic that quotes it ("the command as
 * received, shortened when long"): only its first bytes are decoded, so a payload of megabytes costs
 * what its start costs.
 */
final class PayloadText {

    private PayloadText() {}

    /** The payload's first {@code longest} characters, with "…" when there was more. */
    static String start(byte[] payload, int longest) {
        int bytes = Math.min(payload.length, longest * 4); // a character is at most four bytes of UTF-8
        String text = new String(payload, 0, bytes, StandardCharsets.UTF_8);
        if (text.length() <= longest && bytes == payload.length) {
            return text;
        }
        int end = Math.min(longest, text.length());
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        return text.substring(0, end) + "…";
    }
}
