package dev.vigil.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.gitops.ArgoCdLuaRuntime.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An Argo CD health check ({@code docs/gitops/*.lua}, or a test fixture), run the way Argo CD runs
 * a custom check from argocd-cm: in gopher-lua ({@link ArgoCdLuaRuntime}), with the resource in the
 * global {@code obj}, and the returned table's {@code status} and {@code message} read back.
 */
final class ArgoCdHealthCheck {

    /** The folder of the GitOps documents, from the operator module's directory. */
    static final Path GITOPS = Path.of("..", "docs", "gitops");

    /** What a health check returned, as Argo CD reads it ("" for an absent field). */
    record Health(String status, String message) {}

    /** A check that Argo CD would report as failed, with Argo CD's error. */
    static final class CheckFailed extends RuntimeException {
        CheckFailed(String name, String error) {
            super(name + " fails in Argo CD's Lua: " + error);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String name;
    private final String script;
    private final boolean useOpenLibs;

    private ArgoCdHealthCheck(String name, String script, boolean useOpenLibs) {
        this.name = name;
        this.script = script;
        this.useOpenLibs = useOpenLibs;
    }

    /** The check in {@code docs/gitops/<fileName>}, as argocd-cm.yaml installs it. */
    static ArgoCdHealthCheck load(String fileName) {
        return of(GITOPS.resolve(fileName), false);
    }

    /**
     * The check in {@code file}; {@code useOpenLibs} as argocd-cm's {@code
     * resource.customizations.useOpenLibs.<group_kind>} would set it (off by default).
     */
    static ArgoCdHealthCheck of(Path file, boolean useOpenLibs) {
        try {
            return new ArgoCdHealthCheck(
                    file.getFileName().toString(), Files.readString(file), useOpenLibs);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /**
     * The health of the resource written as YAML or JSON.
     *
     * @throws CheckFailed when Argo CD would fail the check (a Lua error, no table returned)
     */
    Health assess(String resource) {
        JsonNode object;
        try {
            object = YAML.readTree(resource);
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML: " + resource, e);
        }
        Outcome outcome = ArgoCdLuaRuntime.run(script, object, useOpenLibs);
        if (outcome.error() != null) {
            throw new CheckFailed(name, outcome.error());
        }
        return new Health(outcome.status(), outcome.message());
    }
}
