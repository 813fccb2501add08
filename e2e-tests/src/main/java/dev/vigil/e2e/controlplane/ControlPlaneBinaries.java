package dev.vigil.e2e.controlplane;

import dev.vigil.testing.GoBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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

    /**
     * Runs {@code scripts/go-binaries.sh control-plane} of {@code repositoryRoot} (once per JVM).
     */
    public static ControlPlaneBinaries locate(Path repositoryRoot) {
        Path script = repositoryRoot.resolve("scripts").resolve("go-binaries.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(
                    script + " is missing: the repository root is wrong (" + repositoryRoot + ")");
        }
        if (System.getProperty(GoBinaries.SCRIPT_PROPERTY) == null) {
            System.setProperty(GoBinaries.SCRIPT_PROPERTY, script.toString());
        }
        Map<String, Path> binaries = GoBinaries.group(GoBinaries.CONTROL_PLANE);
        return new ControlPlaneBinaries(
                require(binaries, "etcd"),
                require(binaries, "kube-apiserver"),
                require(binaries, "kube-controller-manager"),
                require(binaries, "prometheus-operator-crds"),
                require(binaries, "kube-state-metrics"));
    }

    private static Path require(Map<String, Path> binaries, String name) {
        Path path = binaries.get(name);
        if (path == null) {
            throw new IllegalStateException(
                    "scripts/go-binaries.sh control-plane did not provide "
                            + name
                            + " (got "
                            + binaries.keySet()
                            + ")");
        }
        return path;
    }
}
