package dev.vigil.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.testing.GoBinaries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code argocd-lua-health} (operator/src/test/go), which runs a health check as Argo CD does:
 * gopher-lua at the version Argo CD pins, Lua 5.1, only the libraries Argo CD opens. One process
 * serves the whole JVM, a JSON line per check each way; {@code scripts/go-binaries.sh argocd-lua}
 * builds it, and a missing Go fails the test.
 */
final class ArgoCdLuaRuntime {

    private static final String GROUP = "argocd-lua";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ArgoCdLuaRuntime shared;

    /** What Argo CD would make of a check's run: a health, or the error it would report. */
    record Outcome(String status, String message, String error) {}

    private final Process process;
    private final OutputStream requests;
    private final BufferedReader answers;

    private ArgoCdLuaRuntime(Path binary) throws IOException {
        process =
                new ProcessBuilder(binary.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        requests = process.getOutputStream();
        answers =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    }

    /** Runs {@code script} on {@code resource}, with Argo CD's default or all libraries open. */
    static synchronized Outcome run(String script, JsonNode resource, boolean useOpenLibs) {
        try {
            if (shared == null || !shared.process.isAlive()) {
                shared = new ArgoCdLuaRuntime(binary());
            }
            return shared.ask(script, resource, useOpenLibs);
        } catch (IOException e) {
            throw new UncheckedIOException("argocd-lua-health failed", e);
        }
    }

    private Outcome ask(String script, JsonNode resource, boolean useOpenLibs) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.put("script", script);
        request.set("object", resource);
        request.put("useOpenLibs", useOpenLibs);
        requests.write(JSON.writeValueAsBytes(request));
        requests.write('\n');
        requests.flush();
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("argocd-lua-health stopped (its output is above)");
        }
        JsonNode answer = JSON.readTree(line);
        return new Outcome(
                answer.path("status").asText(),
                answer.path("message").asText(),
                answer.hasNonNull("error") ? answer.get("error").asText() : null);
    }

    private static Path binary() {
        return GoBinaries.of(GROUP, "argocd-lua-health")
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "scripts/go-binaries.sh "
                                                + GROUP
                                                + " built no argocd-lua-health: see its output"
                                                + " above"));
    }
}
