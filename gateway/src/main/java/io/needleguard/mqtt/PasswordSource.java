package io.needleguard.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the broker password comes from: a file (only its first line counts) or an environment
 * variable, never the command line, and it is never logged. Read at each connection attempt, so a
 * corrected password needs no restart.
 */
public sealed interface PasswordSource {

    PasswordSource NONE = new None();

    /** The password, or empty when none is configured. */
    Optional<char[]> read() throws IOException;

    /** Where it comes from, for messages: never the password itself. */
    String describe();

    record None() implements PasswordSource {
        @Override
        public Optional<char[]> read() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "no password";
        }
    }

    record FromFile(Path file) implements PasswordSource {
        @Override
        public Optional<char[]> read() throws IOException {
            PasswordFilePermissions.warnIfOthersCanRead(file);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String first = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            return Optional.of(first.toCharArray());
        }

        @Override
        public String describe() {
            return "the password file " + file;
        }
    }

    record FromEnvironment(String variable, Map<String, String> environment) implements PasswordSource {
        public FromEnvironment(String variable) {
            this(variable, System.getenv());
        }

        @Override
        public Optional<char[]> read() throws IOException {
            String value = environment.get(variable);
            if (value == null) {
                throw new IOException("the environment variable " + variable + " is not set");
            }
            return Optional.of(value.toCharArray());
        }

        @Override
        public String describe() {
            return "the environment variable " + variable;
        }
    }
}
