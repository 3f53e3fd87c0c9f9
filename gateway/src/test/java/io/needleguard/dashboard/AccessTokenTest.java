package io.needleguard.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {

    private static final String TOKEN = "c0ffee-and-4-long-enough-token";

    @TempDir
    Path dir;

    @Test
    void theFirstLineOfTheFileIsTheToken() throws Exception {
        AccessToken token = AccessToken.read(Files.writeString(dir.resolve("t"), "  " + TOKEN + "  \nsecond line\n"));
        assertTrue(token.matches(TOKEN));
        assertFalse(token.matches(TOKEN + "x"));
        assertFalse(token.matches(TOKEN.substring(1)));
        assertFalse(token.matches(""));
        assertFalse(token.matches(null));
    }

    @Test
    void theCookieIsDerivedFromTheTokenNotTheTokenItself() {
        AccessToken token = AccessToken.of(TOKEN);
        assertFalse(token.cookieValue().contains(TOKEN));
        assertTrue(token.matchesCookie(token.cookieValue()));
        assertFalse(token.matchesCookie(TOKEN));
        assertFalse(token.matchesCookie(null));
        assertNotEquals(token.cookieValue(), AccessToken.of(TOKEN + "2").cookieValue(), "a new token logs out");
        assertEquals(token.cookieValue(), AccessToken.of(TOKEN).cookieValue(), "a restart keeps browsers logged in");
    }

    @Test
    void itIsNeverShown() {
        assertFalse(AccessToken.of(TOKEN).toString().contains(TOKEN));
    }

    @Test
    void aFileThatCannotServeSaysWhyWithoutQuotingIt() throws Exception {
        String missing = assertThrows(IllegalArgumentException.class, () -> AccessToken.read(dir.resolve("none")))
                .getMessage();
        assertTrue(missing.contains("does not exist; write a token into it, e.g. 'openssl rand -hex 24 >"), missing);
        String empty = assertThrows(
                        IllegalArgumentException.class,
                        () -> AccessToken.read(Files.writeString(dir.resolve("empty"), "\n")))
                .getMessage();
        assertTrue(empty.contains("is empty"), empty);
        String shortOne = assertThrows(
                        IllegalArgumentException.class,
                        () -> AccessToken.read(Files.writeString(dir.resolve("short"), "hunter2\n")))
                .getMessage();
        assertTrue(shortOne.contains("the token is 7 characters long; use at least 16"), shortOne);
        assertFalse(shortOne.contains("hunter2"), shortOne);
    }
}
