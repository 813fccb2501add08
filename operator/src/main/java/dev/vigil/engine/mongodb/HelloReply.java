package dev.vigil.engine.mongodb;

import java.util.Optional;
import org.bson.Document;

/**
 * What a member's {@code hello} reply says about who leads the set.
 *
 * @param writablePrimary the member that answered is the primary
 * @param primary {@code host:port} of the primary as the member knows it, if it knows one
 */
record HelloReply(boolean writablePrimary, Optional<String> primary) {

    static final Document COMMAND = new Document("hello", 1);

    /**
     * @param reply the {@code hello} reply
     * @param member the member that answered, named as in the replica-set configuration
     */
    static HelloReply of(Document reply, String member) {
        boolean writable = Boolean.TRUE.equals(reply.getBoolean("isWritablePrimary"));
        Optional<String> primary = Optional.ofNullable(reply.getString("primary"));
        if (writable && primary.isEmpty()) {
            primary = Optional.of(member);
        }
        return new HelloReply(writable, primary);
    }
}
