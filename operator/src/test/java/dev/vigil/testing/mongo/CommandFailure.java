package dev.vigil.testing.mongo;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A command the double refuses, answered as MongoDB does: {@code {ok: 0, errmsg, code, codeName}}.
 * The backend turns it into the reply itself, so mongo-java-server never logs the command (which
 * may hold a {@code pwd}).
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String codeName;

    CommandFailure(int code, String codeName, String errmsg) {
        super(errmsg, null, false, false);
        this.code = code;
        this.codeName = codeName;
    }

    static CommandFailure badValue(String errmsg) {
        return new CommandFailure(2, "BadValue", errmsg);
    }

    static CommandFailure invalidConfig(String errmsg) {
        return new CommandFailure(93, "InvalidReplicaSetConfig", errmsg);
    }

    static CommandFailure incompatibleConfig(String errmsg) {
        return new CommandFailure(103, "NewReplicaSetConfigurationIncompatible", errmsg);
    }

    static CommandFailure nodeNotFound(String errmsg) {
        return new CommandFailure(74, "NodeNotFound", errmsg);
    }

    static CommandFailure notYetInitialized() {
        return new CommandFailure(94, "NotYetInitialized", "no replset config has been received");
    }

    static CommandFailure notWritablePrimary(String errmsg) {
        return new CommandFailure(10107, "NotWritablePrimary", errmsg);
    }

    static CommandFailure authenticationFailed() {
        return new CommandFailure(18, "AuthenticationFailed", "Authentication failed.");
    }

    Document toReply() {
        return new Document("ok", 0.0)
                .append("errmsg", getMessage())
                .append("code", code)
                .append("codeName", codeName);
    }
}
