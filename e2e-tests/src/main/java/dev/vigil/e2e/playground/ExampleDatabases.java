package dev.vigil.e2e.playground;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The MonitoredDatabases among the manifests of the examples directory, as written. */
public final class ExampleDatabases {

    private ExampleDatabases() {}

    /** Every MonitoredDatabase in the {@code .yaml} files of {@code examples}; none without it. */
    public static List<MonitoredDatabase> read(Path examples) {
        if (!Files.isDirectory(examples)) {
            return List.of();
        }
        List<MonitoredDatabase> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(examples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = Serialization.unmarshal(in);
                    List<?> objects = parsed instanceof List<?> list ? list : List.of(parsed);
                    for (Object object : objects) {
                        if (object instanceof HasMetadata resource
                                && "MonitoredDatabase".equals(resource.getKind())) {
                            found.add(
                                    Serialization.jsonMapper()
                                            .convertValue(resource, MonitoredDatabase.class));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the examples in " + examples, e);
        }
        return found;
    }
}
