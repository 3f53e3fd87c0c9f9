package io.needleguard.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's access token, from the first line of {@code dashboard.token-file}. It is compared in
 * constant time and never shown: {@link #toString()} hides it, and no log line carries it. The login
 * cookie holds a value derived from it (an HMAC), not the token itself; changing the token logs every
 * browser out.
 */
final class AccessToken {

    /** Shorter tokens are refused: guessing one must be hopeless. */
    static final int MIN_LENGTH = 16;

    private static final String COOKIE_PURPOSE = "needleguard dashboard login v1";

    private final byte[] digest;
    private final String cookie;

    private AccessToken(String token) {
        this.digest = sha256(token.getBytes(StandardCharsets.UTF_8));
        this.cookie = hmac(token, COOKIE_PURPOSE);
    }

    static AccessToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token is " + token.length() + " characters long; use at least "
                    + MIN_LENGTH + ", e.g. the output of 'openssl rand -hex 24'");
        }
        return new AccessToken(token);
    }

    /**
     * Reads the token from the first line of {@code file}.
     *
     * @throws IllegalArgumentException saying what is wrong with the file and how to fix it (never
     *     quoting the token)
     */
    static AccessToken read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    file + " does not exist; write a token into it, e.g. " + "'openssl rand -hex 24 > " + file + "'");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + " cannot be read (" + e.getMessage() + "); check its permissions");
        }
        String token = lines.isEmpty() ? "" : lines.get(0).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException(
                    file + " is empty; write a token into it, e.g. 'openssl rand -hex 24 > " + file + "'");
        }
        try {
            return of(token);
        } catch (IllegalArgumentException tooShort) {
            throw new IllegalArgumentException(file + ": " + tooShort.getMessage());
        }
    }

    /** Whether {@code candidate} is the token; takes the same time whatever it is. */
    boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(candidate.getBytes(StandardCharsets.UTF_8)));
    }

    /** The login cookie's value. */
    String cookieValue() {
        return cookie;
    }

    /** Whether {@code candidate} is the login cookie's value; takes the same time whatever it is. */
    boolean matchesCookie(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sha256(cookie.getBytes(StandardCharsets.US_ASCII)),
                sha256(candidate.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "AccessToken[hidden]";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
