package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;

/**
 * The mechanics golden-file tests share: a directory per case under {@code
 * src/test/resources/<Test>/}, input files {@code in-*.yaml}, and one expected file {@code
 * out-<Kind>-<name>.yaml} per object built, compared as YAML text so a failure shows a readable
 * diff. With {@code -Dvigil.golden.update=true} the expected files are rewritten from what was
 * built (review the diff before committing: they are the specification of what Vigil emits).
 */
public final class GoldenFiles {

    /** Prefix of a case's input files. */
    public static final String INPUT_PREFIX = "in-";

    /** Prefix of a case's expected files. */
    public static final String OUTPUT_PREFIX = "out-";

    private static final String YAML = ".yaml";
    private static final boolean UPDATE = Boolean.getBoolean("vigil.golden.update");

    private GoldenFiles() {}

    /** The case directories under {@code root}, sorted; fails when there is none. */
    public static List<Path> caseDirs(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> cases = dirs.filter(Files::isDirectory).sorted().toList();
            assertThat(cases).as("cases under %s", root.toAbsolutePath()).isNotEmpty();
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Expected file name to the YAML of each object, in the given order. */
    public static Map<String, String> render(Iterable<? extends HasMetadata> objects) {
        Map<String, String> files = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            String file =
                    OUTPUT_PREFIX + object.getKind() + "-" + object.getMetadata().getName() + YAML;
            String previous = files.put(file, Serialization.asYaml(object));
            assertThat(previous).as("two objects would be written to %s", file).isNull();
        }
        return files;
    }

    /**
     * One test per object built and one that every expected file has an object, after rewriting the
     * expected files when asked to.
     *
     * @param actual expected file name to YAML, as {@link #render} gives it
     */
    public static DynamicContainer compare(Path caseDir, Map<String, String> actual) {
        if (UPDATE) {
            rewriteExpected(caseDir, actual);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (Path file : list(caseDir, OUTPUT_PREFIX)) {
            expected.put(file.getFileName().toString(), read(file));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> object : actual.entrySet()) {
            String file = object.getKey();
            tests.add(
                    DynamicTest.dynamicTest(
                            file,
                            () -> {
                                assertThat(expected.keySet())
                                        .as("expected files of %s", caseDir.getFileName())
                                        .contains(file);
                                assertThat(object.getValue())
                                        .as("%s/%s", caseDir.getFileName(), file)
                                        .isEqualTo(expected.get(file));
                            }));
        }
        tests.add(
                DynamicTest.dynamicTest(
                        "every expected file has an object",
                        () ->
                                assertThat(actual.keySet())
                                        .as("objects built for %s", caseDir.getFileName())
                                        .containsAll(expected.keySet())));
        return DynamicContainer.dynamicContainer(caseDir.getFileName().toString(), tests);
    }

    /** The YAML files of {@code dir} whose names start with {@code prefix}, sorted. */
    public static List<Path> list(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            file -> {
                                String name = file.getFileName().toString();
                                return name.startsWith(prefix) && name.endsWith(YAML);
                            })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The text of {@code file}. */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void rewriteExpected(Path caseDir, Map<String, String> actual) {
        try {
            for (Path stale : list(caseDir, OUTPUT_PREFIX)) {
                Files.delete(stale);
            }
            for (Map.Entry<String, String> object : actual.entrySet()) {
                Files.writeString(caseDir.resolve(object.getKey()), object.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the expected files of " + caseDir, e);
        }
    }
}
