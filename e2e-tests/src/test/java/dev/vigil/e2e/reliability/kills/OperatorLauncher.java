package dev.vigil.e2e.reliability.kills;

import dev.vigil.e2e.cluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts Vigil's operator as processes of their own on the local cluster, as the chart's pod runs
 * it: {@code java -jar operator/target/vigil.jar run} (build it first: {@code ./mvnw -pl operator
 * package}) with the chart's {@code VIGIL_*} settings of a {@link ChartRelease}, authenticated with
 * that release's ServiceAccount token (a kubeconfig), and cluster DNS names resolved through the
 * node's hosts file ({@code -Djdk.net.hosts.file}, as {@code VigilImageRuntime} gives the chart's
 * pod), so it reaches the real PostgreSQL members and the MongoDB double. Its HTTP port is a free
 * one of 127.0.0.1. When a process ends, its output is appended to the cluster's operator log,
 * which the scenarios' credential scan and failure dumps read.
 */
public final class OperatorLauncher {

    /**
     * The JVM's options: a heap of its own (the chart sets a percentage of its container's memory),
     * and the quicker start of the client compiler alone, since each kill is followed by a start on
     * two shared cores; nothing the operator does depends on either.
     */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path jar;
    private final Path kubeconfig;
    private final Path hostsFile;
    private final Path directory;
    private final Path sharedLog;
    private final Map<String, String> environment;
    private int started;

    private OperatorLauncher(
            Path jar,
            Path kubeconfig,
            Path hostsFile,
            Path directory,
            Path sharedLog,
            Map<String, String> environment) {
        this.jar = jar;
        this.kubeconfig = kubeconfig;
        this.hostsFile = hostsFile;
        this.directory = directory;
        this.sharedLog = sharedLog;
        this.environment = environment;
    }

    /** Processes of {@code release} on {@code cluster}, their files under {@code directory}. */
    public static OperatorLauncher of(LocalCluster cluster, ChartRelease release, Path directory) {
        Path jar = cluster.options().repositoryRoot().resolve("operator/target/vigil.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: run ./mvnw -pl operator package -DskipTests first");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path kubeconfig =
                cluster.controlPlane()
                        .writeKubeconfig(
                                directory.resolve("operator.kubeconfig"),
                                "default",
                                release.token());
        return new OperatorLauncher(
                jar,
                kubeconfig,
                cluster.options().workDirectory().resolve("node").resolve("cluster-hosts"),
                directory,
                cluster.operatorLog(),
                release.environment());
    }

    /** Starts a process named {@code <prefix>-<n>}, its {@code HOSTNAME}. */
    public synchronized KillableOperator start(String prefix) {
        String name = prefix + "-" + ++started;
        Path log = directory.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Djdk.net.hosts.file=" + hostsFile);
        command.addAll(List.of("-jar", jar.toString(), "run"));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("VIGIL_") || key.startsWith("KUBERNETES_"));
        env.putAll(environment);
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("HOSTNAME", name);
        env.put("VIGIL_HTTP_PORT", "0");
        env.put("VIGIL_HTTP_ADDRESS", "127.0.0.1");
        try {
            return new KillableOperator(
                    name, builder.start(), log, () -> appendToShared(name, log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void appendToShared(String name, Path log) {
        try {
            Files.writeString(
                    sharedLog,
                    "---- operator process " + name + " ----\n" + Files.readString(log),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + log + " to " + sharedLog, e);
        }
    }
}
