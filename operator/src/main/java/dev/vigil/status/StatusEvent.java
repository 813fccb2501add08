package dev.vigil.status;

/**
 * A Kubernetes Event Vigil records about a MonitoredDatabase.
 *
 * @param warning type Warning when true, Normal otherwise
 * @param reason CamelCase reason
 * @param message what happened, for people
 */
public record StatusEvent(boolean warning, String reason, String message) {

    public static StatusEvent normal(String reason, String message) {
        return new StatusEvent(false, reason, message);
    }

    public static StatusEvent warning(String reason, String message) {
        return new StatusEvent(true, reason, message);
    }
}
