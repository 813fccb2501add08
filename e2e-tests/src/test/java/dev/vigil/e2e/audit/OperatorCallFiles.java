package dev.vigil.e2e.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The operator's API permissions each scenario class used, one JSON file per class ({@code
 * <ScenarioClass>.json}, a sorted array of {@link ApiPermission}) in {@link #directory()}: written
 * by the scenarios' JVMs, read by {@link OperatorRbacAudit} after them. The build empties the
 * directory before the scenarios run (a {@code maven-clean-plugin} execution in {@code
 * process-test-classes}), so only this build's scenarios are read.
 */
public final class OperatorCallFiles {

    /** Where the build says the files go: {@code target/e2e-api-calls} of the e2e-tests module. */
    public static final String DIRECTORY_PROPERTY = "vigil.e2e.api-calls";

    private static final String SUFFIX = ".json";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OperatorCallFiles() {}

    /**
     * The directory of {@value #DIRECTORY_PROPERTY}, or {@code target/e2e-api-calls} under the
     * working directory when it is not set (a run from an IDE).
     */
    public static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        return configured == null ? Path.of("target", "e2e-api-calls") : Path.of(configured);
    }

    /** Replaces the file of {@code scenarioClass} with these permissions. */
    public static void write(Path directory, String scenarioClass, Set<ApiPermission> used) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(scenarioClass + SUFFIX);
            Path partial = directory.resolve(scenarioClass + SUFFIX + ".tmp");
            JSON.writeValue(partial.toFile(), List.copyOf(new TreeSet<>(used)));
            Files.move(
                    partial,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every scenario class's permissions, by class name; empty when the directory is missing. */
    public static Map<String, SortedSet<ApiPermission>> readAll(Path directory) {
        Map<String, SortedSet<ApiPermission>> byClass = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return byClass;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                List<ApiPermission> used =
                        JSON.readValue(file.toFile(), new TypeReference<List<ApiPermission>>() {});
                byClass.put(
                        name.substring(0, name.length() - SUFFIX.length()), new TreeSet<>(used));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byClass;
    }
}
