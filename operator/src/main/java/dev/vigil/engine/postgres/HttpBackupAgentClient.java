package dev.vigil.engine.postgres;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.backup.AgentStatus;
import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.PodHttpGet;
import dev.vigil.engine.postgres.backup.BackupPaths;
import dev.vigil.names.DatabaseAddressResolver;
import java.io.IOException;
import java.time.Duration;

/**
 * Reads backup agents over HTTP, with addresses mapped by a {@link DatabaseAddressResolver}: the
 * agent's own {@link AgentStatus} record is the contract.
 */
public final class HttpBackupAgentClient implements BackupAgentClient {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final PodHttpGet http;

    public HttpBackupAgentClient(DatabaseAddressResolver resolver, Duration timeout) {
        this.http = new PodHttpGet(resolver, timeout);
    }

    @Override
    public BackupStatus status(String host, int port) throws DatabaseException {
        String what = "the backup agent of " + host;
        String body = http.get(host, port, BackupPaths.AGENT_STATUS_PATH, what);
        try {
            return toStatus(JSON.readValue(body, AgentStatus.class));
        } catch (IOException e) {
            throw new DatabaseCommandException(
                    what + " answered something other than its status", e);
        }
    }

    /** The status's view of the agent's report: what a restore needs to know. */
    static BackupStatus toStatus(AgentStatus report) {
        BackupStatus status = new BackupStatus();
        if (report.lastSuccessful() != null) {
            AgentStatus.Success success = report.lastSuccessful();
            BackupRun run = new BackupRun();
            run.setFinishedAt(success.finishedAt());
            run.setSizeBytes(success.sizeBytes());
            run.setDurationSeconds(success.durationSeconds());
            run.setLabel(success.label());
            status.setLastSuccessful(run);
        }
        if (report.lastFailed() != null) {
            AgentStatus.Failure failure = report.lastFailed();
            BackupRun run = new BackupRun();
            run.setFinishedAt(failure.finishedAt());
            run.setDurationSeconds(failure.durationSeconds());
            run.setMessage(failure.message());
            status.setLastFailed(run);
        }
        status.setRecoverableFrom(report.recoverableFrom());
        status.setRecoverableTo(report.recoverableTo());
        status.setWalArchiveLagSeconds(report.walArchiveLagSeconds());
        return status;
    }
}
