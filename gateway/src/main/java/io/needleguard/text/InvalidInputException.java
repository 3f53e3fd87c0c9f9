package io.needleguard.text;

/**
 * Input from the user that needleguard cannot use: a configuration file, a scenario, a command-line
 * value. The message names the input, where in it the problem is, and the fix. The command line
 * exits with code 2 for these, and 1 for failures at run time.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
