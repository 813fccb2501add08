package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The components {@code scripts/go-binaries.sh} builds from Go modules (and caches by version
 * outside the repository), found by running the script once per JVM and group and reading its
 * {@code NAME=/path} lines. A fresh machine needs nothing but Go: the first call builds, later ones
 * find the cache. The script's progress goes to this JVM's standard error, since a cold build takes
 * a while.
 *
 * <p>The script is {@code scripts/go-binaries.sh} of the checkout this code runs from: found from
 * the working directory upwards, then from this class's jar or directory upwards; the system
 * property {@value #SCRIPT_PROPERTY} names it explicitly.
 */
public final class GoBinaries {

    /** A system property naming the script, when it cannot be found from here. */
    public static final String SCRIPT_PROPERTY = "vigil.go-binaries.script";

    /** The exporters group: {@code postgres_exporter} and percona's {@code mongodb_exporter}. */
    public static final String EXPORTERS = "exporters";

    /**
     * The control-plane group: {@code kube-apiserver}, {@code kube-controller-manager}, {@code
     * etcd}, {@code kube-state-metrics} and the directory of prometheus-operator's CRDs.
     */
    public static final String CONTROL_PLANE = "control-plane";

    /** The object-store group: versitygw, an S3-compatible server over a directory. */
    public static final String OBJECT_STORE = "object-store";

    private static final Path SCRIPT = Path.of("scripts", "go-binaries.sh");
    // A cold build compiles a release from source on a shared machine.
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
    private static final Map<String, Map<String, Path>> BUILT = new HashMap<>();

    private GoBinaries() {}

    /**
     * The real {@code postgres_exporter}, at the version Vigil deploys.
     *
     * @throws IllegalStateException when the script cannot build it, with the reason
     */
    public static Path postgresExporter() {
        return of(EXPORTERS, "postgres_exporter")
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "scripts/go-binaries.sh exporters built no"
                                                + " postgres_exporter: see its output above"));
    }

    /** Names a versitygw program to run instead of the one the script builds. */
    public static final String VERSITYGW_VARIABLE = "VIGIL_VERSITYGW";

    /**
     * versitygw, the S3-compatible server the backup tests archive to: {@code $VIGIL_VERSITYGW}
     * when set, else built by the script.
     *
     * @throws IllegalStateException when the variable names no program or the script cannot build
     *     it, with the reason
     */
    public static Path versitygw() {
        String named = System.getenv(VERSITYGW_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(
                        VERSITYGW_VARIABLE + "=" + named + " is not an executable file");
            }
            return path;
        }
        return of(OBJECT_STORE, "versitygw")
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "scripts/go-binaries.sh object-store built no versitygw:"
                                                + " see its output above"));
    }

    /**
     * One component of a group, or empty when the script could not build it and said why on
     * standard error (percona's {@code mongodb_exporter} is not served here, for instance).
     *
     * @throws IllegalStateException when the script fails
     */
    public static Optional<Path> of(String group, String name) {
        return Optional.ofNullable(group(group).get(name));
    }

    /**
     * Everything the script printed for {@code group}, by name; run at most once per JVM.
     *
     * @throws IllegalStateException when the script fails or overruns its time
     */
    public static synchronized Map<String, Path> group(String group) {
        Map<String, Path> built = BUILT.get(group);
        if (built == null) {
            built = run(script(), group);
            BUILT.put(group, built);
        }
        return built;
    }

    private static Map<String, Path> run(Path script, String group) {
        ProcessBuilder builder =
                new ProcessBuilder("bash", script.toString(), group)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            Process process = builder.start();
            // The output is a few short lines, read after the end.
            if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        script + " " + group + " did not finish within " + BUILD_TIMEOUT);
            }
            String out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        script
                                + " "
                                + group
                                + " failed with exit code "
                                + process.exitValue()
                                + " (its output is above; it needs Go on the PATH)");
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    /** {@code NAME=/path} lines; every path must be executable (a program, or a directory). */
    static Map<String, Path> parse(String out) {
        Map<String, Path> built = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            Path path = Path.of(line.substring(equals + 1).strip());
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(
                        "scripts/go-binaries.sh printed " + line + ", which is not executable");
            }
            built.put(line.substring(0, equals), path);
        }
        return Map.copyOf(built);
    }

    private static Path script() {
        String named = System.getProperty(SCRIPT_PROPERTY);
        if (named != null) {
            return Path.of(named);
        }
        return upwards(Path.of("").toAbsolutePath())
                .or(() -> codeLocation().flatMap(GoBinaries::upwards))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "cannot find "
                                                + SCRIPT
                                                + " above "
                                                + Path.of("").toAbsolutePath()
                                                + ": run from the checkout or set -D"
                                                + SCRIPT_PROPERTY));
    }

    private static Optional<Path> upwards(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(
                    Path.of(
                            GoBinaries.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
