package dev.vigil.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * One of Vigil's Argo CD health checks ({@code docs/gitops/*.lua}), run the way Argo CD runs it: a
 * fresh Lua state with the resource in the global {@code obj}, and the returned table's {@code
 * status} and {@code message} read back.
 */
final class ArgoCdHealthCheck {

    /** The folder of the GitOps documents, from the operator module's directory. */
    static final Path GITOPS = Path.of("..", "docs", "gitops");

    /** What a health check returned. */
    record Health(String status, String message) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String name;
    private final String script;

    private ArgoCdHealthCheck(String name, String script) {
        this.name = name;
        this.script = script;
    }

    /** The check in {@code docs/gitops/<fileName>}. */
    static ArgoCdHealthCheck load(String fileName) {
        try {
            return new ArgoCdHealthCheck(fileName, Files.readString(GITOPS.resolve(fileName)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + GITOPS.resolve(fileName), e);
        }
    }

    /** The health of the resource written as YAML or JSON. */
    Health assess(String resource) {
        JsonNode object;
        try {
            object = YAML.readTree(resource);
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML: " + resource, e);
        }
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", LuaJson.toLua(object));
        LuaValue result = globals.load(script, name).call();
        LuaValue status = result.get("status");
        LuaValue message = result.get("message");
        return new Health(
                status.isnil() ? null : status.tojstring(),
                message.isnil() ? null : message.tojstring());
    }
}
