package dev.vigil.rollout;

/**
 * What the database's exporter said of the database on one pass ({@code mongodb_up}, {@code
 * pg_up}).
 *
 * @param state up, down, or not read on this pass
 * @param message what was seen, for people
 */
public record ExporterReading(State state, String message) {

    /** Whether the exporter reports the database up. */
    public enum State {
        UP,
        DOWN,
        NOT_READ
    }

    public static ExporterReading up(String message) {
        return new ExporterReading(State.UP, message);
    }

    public static ExporterReading down(String message) {
        return new ExporterReading(State.DOWN, message);
    }

    public static ExporterReading notRead(String why) {
        return new ExporterReading(State.NOT_READ, why);
    }
}
