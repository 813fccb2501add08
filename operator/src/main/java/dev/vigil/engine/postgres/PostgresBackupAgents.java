package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.BackupStatusSource;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.postgres.backup.BackupPaths;
import dev.vigil.names.ResourceNames;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the backup agent of the primary for its report; nothing while there is no primary or the
 * agent does not answer (the primary is restarting).
 */
public final class PostgresBackupAgents implements BackupStatusSource {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBackupAgents.class);

    private final BackupAgentClient agents;

    public PostgresBackupAgents(BackupAgentClient agents) {
        this.agents = agents;
    }

    @Override
    public Optional<BackupStatus> read(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        OptionalInt primary = pass.outcome().primaryOrdinal();
        if (primary.isEmpty()) {
            return Optional.empty();
        }
        String host = ResourceNames.memberHost(database, primary.getAsInt(), pass.clusterDomain());
        try {
            return Optional.of(agents.status(host, BackupPaths.AGENT_PORT));
        } catch (DatabaseException e) {
            LOG.debug("backup status of {} not read: {}", host, e.getMessage());
            return Optional.empty();
        }
    }
}
