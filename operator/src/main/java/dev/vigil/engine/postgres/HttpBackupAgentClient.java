package dev.vigil.engine.postgres;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.PodHttpGet;
import dev.vigil.engine.postgres.backup.BackupPaths;
import dev.vigil.names.DatabaseAddressResolver;
import java.io.IOException;
import java.time.Duration;

/** Reads backup agents over HTTP, with addresses mapped by a {@link DatabaseAddressResolver}. */
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
            return JSON.readValue(body, AgentReport.class).toStatus();
        } catch (IOException e) {
            throw new DatabaseCommandException(
                    what + " answered something other than its status", e);
        }
    }

    /** The agent's JSON; fields the status does not carry are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AgentReport(
            BackupRun lastSuccessful,
            BackupRun lastFailed,
            String recoverableFrom,
            String recoverableTo,
            Double walArchiveLagSeconds) {

        BackupStatus toStatus() {
            BackupStatus status = new BackupStatus();
            status.setLastSuccessful(lastSuccessful);
            status.setLastFailed(lastFailed);
            status.setRecoverableFrom(recoverableFrom);
            status.setRecoverableTo(recoverableTo);
            status.setWalArchiveLagSeconds(walArchiveLagSeconds);
            return status;
        }
    }
}
