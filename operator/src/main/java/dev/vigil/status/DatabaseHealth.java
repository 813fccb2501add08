package dev.vigil.status;

/**
 * What the database itself said on this pass, in engine-neutral terms.
 *
 * @param state how it is doing
 * @param reason a {@link Reason} for the conditions
 * @param message what was observed, for people
 */
public record DatabaseHealth(State state, String reason, String message) {

    /** How the database is doing. */
    public enum State {
        /** Not asked: its pods are not ready yet. */
        NOT_CHECKED,
        /** It answers and is moving toward the spec (initiating, adding or removing members). */
        CONVERGING,
        /** It answers and is as the spec asks. */
        HEALTHY,
        /** It does not answer, refuses Vigil's credentials, or refuses a command. */
        FAILING
    }

    public static DatabaseHealth notChecked() {
        return new DatabaseHealth(State.NOT_CHECKED, Reason.PODS_NOT_READY, "");
    }

    public static DatabaseHealth converging(String reason, String message) {
        return new DatabaseHealth(State.CONVERGING, reason, message);
    }

    public static DatabaseHealth healthy(String message) {
        return new DatabaseHealth(State.HEALTHY, Reason.READY, message);
    }

    public static DatabaseHealth failing(String reason, String message) {
        return new DatabaseHealth(State.FAILING, reason, message);
    }
}
