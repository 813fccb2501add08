package dev.vigil.engine.postgres;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.DatabaseUnreachableException;
import dev.vigil.engine.postgres.backup.BackupPaths;
import dev.vigil.names.DatabaseAddressResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads backup agents over HTTP, with addresses mapped by a {@link DatabaseAddressResolver}. */
public final class HttpBackupAgentClient implements BackupAgentClient {

    private static final int OK = 200;
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final DatabaseAddressResolver resolver;
    private final Duration timeout;
    private final HttpClient http;

    public HttpBackupAgentClient(DatabaseAddressResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public BackupStatus status(String host, int port) throws DatabaseException {
        InetSocketAddress socket = resolver.resolve(host, port);
        URI uri =
                URI.create(
                        "http://"
                                + socket.getHostString()
                                + ":"
                                + socket.getPort()
                                + BackupPaths.AGENT_STATUS_PATH);
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DatabaseUnreachableException(
                    "the backup agent of " + host + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnreachableException(
                    "interrupted while asking the backup agent of " + host, e);
        }
        if (response.statusCode() != OK) {
            throw new DatabaseCommandException(
                    "the backup agent of " + host + " answered HTTP " + response.statusCode());
        }
        try {
            return JSON.readValue(response.body(), AgentReport.class).toStatus();
        } catch (IOException e) {
            throw new DatabaseCommandException(
                    "the backup agent of " + host + " answered something other than its status", e);
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
