package dev.vigil.runtime;

/**
 * A flag or environment variable of {@code vigil run} has a value the operator cannot use. The
 * message names the flag or variable and says what is wrong, so it can be shown to the user as is.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
