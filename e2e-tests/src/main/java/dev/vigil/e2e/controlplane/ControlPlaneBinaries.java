package dev.vigil.e2e.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the real control plane's binaries are: built from Go modules by the repository's {@code
 * scripts/go-binaries.sh} (or taken from envtest's layout) and cached by version outside the
 * checkout. The script builds what is missing, printing its progress on this process's standard
 * error, which takes minutes the first time. With them comes prometheus-operator's CRDs directory
 * (the real ones, whole schemas included), from the same module cache, and kube-state-metrics.
 */
public record ControlPlaneBinaries(
        Path etcd,
        Path kubeApiserver,
        Path kubeControllerManager,
        Path prometheusOperatorCrds,
        Path kubeStateMetrics) {

    /** How long the first build may take on a small machine. */
    private static final long BUILD_MINUTES = 40;

    /** Runs {@code scripts/go-binaries.sh control-plane} under {@code repositoryRoot}. */
    public static ControlPlaneBinaries locate(Path repositoryRoot) {
        Map<String, Path> binaries = GoBinaries.build(repositoryRoot, "control-plane");
        return new ControlPlaneBinaries(
                GoBinaries.require(binaries, "etcd"),
                GoBinaries.require(binaries, "kube-apiserver"),
                GoBinaries.require(binaries, "kube-controller-manager"),
                GoBinaries.require(binaries, "prometheus-operator-crds"),
                GoBinaries.require(binaries, "kube-state-metrics"));
    }

    /** The script's output: {@code NAME=path} lines. */
    static final class GoBinaries {

        private GoBinaries() {}

        static Map<String, Path> build(Path repositoryRoot, String what) {
            Path script = repositoryRoot.resolve("scripts").resolve("go-binaries.sh");
            if (!Files.isExecutable(script)) {
                throw new IllegalStateException(
                        script
                                + " is missing: the repository root is wrong ("
                                + repositoryRoot
                                + ")");
            }
            try {
                Process process =
                        new ProcessBuilder(script.toString(), what)
                                .redirectError(ProcessBuilder.Redirect.INHERIT)
                                .start();
                process.getOutputStream().close();
                String out =
                        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(script + " " + what + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(
                            script
                                    + " "
                                    + what
                                    + " failed with exit code "
                                    + process.exitValue()
                                    + " (its output above says why)");
                }
                Map<String, Path> binaries = new HashMap<>();
                out.lines()
                        .map(String::strip)
                        .filter(line -> line.contains("="))
                        .forEach(
                                line ->
                                        binaries.put(
                                                line.substring(0, line.indexOf('=')),
                                                Path.of(line.substring(line.indexOf('=') + 1))));
                return binaries;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + script, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building " + what, e);
            }
        }

        static Path require(Map<String, Path> binaries, String name) {
            Path path = binaries.get(name);
            if (path == null || !Files.exists(path)) {
                throw new IllegalStateException(
                        "scripts/go-binaries.sh did not provide "
                                + name
                                + " (got "
                                + binaries
                                + ")");
            }
            return path;
        }
    }
}
