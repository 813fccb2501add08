package dev.vigil.testing.mongo;

/**
 * Replica-set member states as {@code replSetGetStatus} reports them ({@code state}, {@code
 * stateStr}).
 */
public enum MongoMemberState {
    STARTUP(0, "STARTUP"),
    PRIMARY(1, "PRIMARY"),
    SECONDARY(2, "SECONDARY"),
    RECOVERING(3, "RECOVERING"),
    STARTUP2(5, "STARTUP2"),
    UNKNOWN(6, "UNKNOWN"),
    ARBITER(7, "ARBITER"),
    DOWN(8, "(not reachable/healthy)"),
    ROLLBACK(9, "ROLLBACK"),
    REMOVED(10, "REMOVED");

    private final int code;
    private final String stateStr;

    MongoMemberState(int code, String stateStr) {
        this.code = code;
        this.stateStr = stateStr;
    }

    /** The numeric {@code state}. */
    public int code() {
        return code;
    }

    /** The {@code stateStr} text. */
    public String stateStr() {
        return stateStr;
    }
}
