package dev.vigil.cli;

/** An input that cannot be read as YAML at all: missing, unreadable, or not well-formed. */
final class UnreadableInputException extends Exception {

    UnreadableInputException(String message) {
        super(message);
    }

    UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
