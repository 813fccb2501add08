package dev.vigil.e2e.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The API server's own audit log ({@code --audit-log-path}, JSON lines), read back: what each
 * service account asked for, as RBAC saw it.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    /** Every request for a resource that {@code username} made, in the order the log has them. */
    public List<AuditedRequest> resourceRequestsBy(String username) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<AuditedRequest> requests = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.forEach(
                    line -> {
                        AuditedRequest request = parse(line);
                        if (request != null && request.username().equals(username)) {
                            requests.add(request);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return requests;
    }

    private static AuditedRequest parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode event = JSON.readTree(line);
            JsonNode object = event.path("objectRef");
            if (object.isMissingNode() || !object.has("resource")) {
                return null;
            }
            return new AuditedRequest(
                    event.path("user").path("username").asText(),
                    event.path("verb").asText(),
                    object.path("apiGroup").asText(""),
                    object.path("resource").asText(),
                    object.path("subresource").asText(""),
                    object.has("namespace") ? object.path("namespace").asText() : null,
                    object.path("name").asText(""),
                    event.path("responseStatus").path("code").asInt(0));
        } catch (IOException e) {
            // The server may be writing this very line.
            return null;
        }
    }

    /**
     * One request as the audit log records it.
     *
     * @param namespace null for a cluster-scoped object or a request across all namespaces
     * @param name the object's name; empty for a list or watch
     * @param code the HTTP status of the answer; 403 when RBAC refused it
     */
    public record AuditedRequest(
            String username,
            String verb,
            String group,
            String resource,
            String subresource,
            String namespace,
            String name,
            int code) {

        /** The resource as RBAC rules name it: {@code pods/status}. */
        public String resourceWithSubresource() {
            return subresource.isEmpty() ? resource : resource + "/" + subresource;
        }
    }
}
