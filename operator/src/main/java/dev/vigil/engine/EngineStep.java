package dev.vigil.engine;

import java.util.List;
import java.util.Optional;

/**
 * What an engine does against its running database on each pass: the one part of an engine that
 * talks to the database. Made once per operator ({@link DatabaseEngine#step}); it may remember what
 * it did per database (by uid) so as not to repeat it.
 */
public interface EngineStep {

    /**
     * Brings the database toward {@code pass}'s spec and says how it is doing. A Managed database's
     * step runs before the objects are applied, so that what it finds (the primary, a membership
     * still shrinking) shapes them; an External database's step runs after, and reads what the
     * exporter sees.
     */
    EngineOutcome run(PassContext pass);

    /**
     * The data compatibility version the running database has now, for engines with {@link
     * DatabaseEngine#dataCompatibility}; empty when it cannot be read now.
     *
     * @param members {@code host:port} of every member
     * @param admin credentials allowed to read it
     * @throws DatabaseException when the database cannot be reached or refuses
     */
    default Optional<String> readDataCompatibility(List<String> members, DatabaseCredentials admin)
            throws DatabaseException {
        return Optional.empty();
    }

    /**
     * Raises the running database's data compatibility version to {@code version}.
     *
     * @throws DatabaseException when the database refuses or cannot be reached; the gate retries
     */
    default void raiseDataCompatibility(
            List<String> members, DatabaseCredentials admin, String version)
            throws DatabaseException {
        throw new UnsupportedOperationException("this engine's data has no compatibility version");
    }
}
