package dev.vigil.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Grafana's dashboard schema: the JSON Schema {@code scripts/grafana-dashboard-schema.sh} makes
 * from the {@code Dashboard} type of the npm package {@code @grafana/schema} (pinned there, cached
 * outside the repository), loaded once per JVM. The script needs npm the first time; a failure
 * fails the test.
 */
final class GrafanaDashboardSchema {

    private static final Path SCRIPT = Path.of("scripts", "grafana-dashboard-schema.sh");
    private static JsonSchema schema;

    private GrafanaDashboardSchema() {}

    /** Every way {@code dashboard} breaks the schema, as "location: message"; empty when valid. */
    static List<String> violations(JsonNode dashboard) {
        return schema().validate(dashboard).stream().map(ValidationMessage::getMessage).toList();
    }

    private static synchronized JsonSchema schema() {
        if (schema == null) {
            try {
                JsonNode json = new ObjectMapper().readTree(make().toFile());
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }

    private static Path make() throws IOException {
        Process process =
                new ProcessBuilder("bash", script().toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        SCRIPT + " failed (its output is above; it needs npm the first time)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + SCRIPT, e);
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("grafana-dashboard-schema=")) {
                return Path.of(line.substring(line.indexOf('=') + 1).strip());
            }
        }
        throw new IllegalStateException(SCRIPT + " printed no schema: " + out);
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir.resolve(SCRIPT);
            }
        }
        throw new IllegalStateException("cannot find " + SCRIPT + " above the working directory");
    }
}
