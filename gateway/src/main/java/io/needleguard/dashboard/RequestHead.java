package io.needleguard.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The head of one HTTP request as the {@link FrontDoor} reads it: enough to know how long its body is
 * and to pass it on as the only request of its connection. The HTTP server behind the door parses it
 * fully; this only refuses what the door cannot pass on whole (no length, a body over the limit).
 *
 * @param forwarded  the head to send on: the request line and headers as they came, but for the
 *                   connection's own headers, which become {@code Connection: close}
 * @param bodyLength the body's length from {@code Content-Length}, 0 without one
 * @param expectsContinue the client waits for {@code 100 Continue} before it sends the body
 */
record RequestHead(byte[] forwarded, int bodyLength, boolean expectsContinue) {

    /** Heads larger than this are refused (431); a browser's are well under 2 KB. */
    static final int MAX_HEAD = 8192;
    /** Bodies larger than this (a login, an area choice, a session logged by hand) are refused (413). */
    static final int MAX_BODY = 4096;

    private static final byte[] END = {'\r', '\n', '\r', '\n'};
    /** Headers about this connection, not the request: the door decides them. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "expect");

    /** A request the door answers itself, with this status and message, instead of passing it on. */
    static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** Where the head ends in {@code bytes[0, length)}: the index after its blank line, or -1 if not yet. */
    static int end(byte[] bytes, int length) {
        outer:
        for (int i = 0; i + END.length <= length; i++) {
            for (int j = 0; j < END.length; j++) {
                if (bytes[i + j] != END[j]) {
                    continue outer;
                }
            }
            return i + END.length;
        }
        return -1;
    }

    /** The message of a 413: what came and what the dashboard takes. */
    static String tooLarge(String size) {
        return "the request body has " + size + "; the dashboard takes at most " + MAX_BODY + " (4 KB)";
    }

    /** Reads the head in {@code bytes[0, end)}, {@code end} as {@link #end} found it. */
    static RequestHead parse(byte[] bytes, int end) throws Refused {
        String text = new String(bytes, 0, end - 4, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new Refused(400, "not an HTTP/1.1 request line");
        }
        List<String> kept = new ArrayList<>();
        kept.add(lines[0]);
        long length = 0;
        boolean lengthSeen = false;
        boolean expectsContinue = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Refused(400, "a header line without a name");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "transfer-encoding" -> throw new Refused(411, "send the body with a Content-Length");
                case "content-length" -> {
                    if (lengthSeen
                            || value.isEmpty()
                            || value.length() > 18
                            || !value.chars().allMatch(Character::isDigit)) {
                        throw new Refused(400, "one Content-Length, a number of bytes");
                    }
                    lengthSeen = true;
                    length = Long.parseLong(value);
                }
                case "expect" -> expectsContinue = value.equalsIgnoreCase("100-continue");
                default -> {
                    // passed on below
                }
            }
            if (!HOP_BY_HOP.contains(name)) {
                kept.add(line);
            }
        }
        if (length > MAX_BODY) {
            throw new Refused(413, tooLarge(length + " bytes"));
        }
        kept.add("Connection: close");
        String forwarded = String.join("\r\n", kept) + "\r\n\r\n";
        return new RequestHead(
                forwarded.getBytes(StandardCharsets.ISO_8859_1), (int) length, expectsContinue && length > 0);
    }
}
