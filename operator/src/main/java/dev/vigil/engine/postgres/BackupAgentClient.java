package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.engine.DatabaseException;

/** Asks a member's backup agent what it last did ({@code GET /v1/status}). */
public interface BackupAgentClient {

    /**
     * The agent's report, as the status shows it.
     *
     * @param host the member's DNS name
     * @param port the agent's port
     * @throws DatabaseException when the agent does not answer, or answers something else
     */
    BackupStatus status(String host, int port) throws DatabaseException;
}
