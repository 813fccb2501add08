package dev.vigil.engine.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.vigil.engine.DatabaseAuthenticationException;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.DatabaseUnreachableException;

/**
 * Turns the driver's exceptions into Vigil's, so status can give the right reason. Messages name
 * the member and the command; they are built here, never copied from a command document, so a
 * password sent in {@code createUser} cannot end up in them.
 */
final class MongoErrors {

    private MongoErrors() {}

    static DatabaseException translate(
            String member, String command, MongoException e, ClientTimeouts timeouts) {
        if (e instanceof MongoSecurityException) {
            return new DatabaseAuthenticationException(
                    "MongoDB member " + member + " refused Vigil's credentials", e);
        }
        if (e instanceof MongoCommandException rejected) {
            if (rejected.getErrorCode() == MongoErrorCodes.AUTHENTICATION_FAILED) {
                return new DatabaseAuthenticationException(
                        "MongoDB member " + member + " refused Vigil's credentials", e);
            }
            return new MongoCommandRejectedException(
                    member,
                    command,
                    rejected.getErrorCode(),
                    rejected.getErrorCodeName(),
                    rejected.getErrorMessage(),
                    e);
        }
        if (e instanceof MongoTimeoutException) {
            // The driver keeps the reason (refused, unresolvable name) in the cause chain; the
            // message stays short enough for a status condition.
            return new DatabaseUnreachableException(
                    "MongoDB member "
                            + member
                            + " did not answer "
                            + command
                            + " within "
                            + timeouts.connect().toMillis()
                            + " ms",
                    e);
        }
        if (e instanceof MongoSocketException || e instanceof MongoServerUnavailableException) {
            return new DatabaseUnreachableException(
                    "MongoDB member "
                            + member
                            + " did not answer "
                            + command
                            + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
        return new DatabaseException(
                "MongoDB member "
                        + member
                        + " failed "
                        + command
                        + ": "
                        + e.getClass().getSimpleName(),
                e);
    }
}
