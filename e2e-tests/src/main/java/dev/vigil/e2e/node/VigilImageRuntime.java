package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Vigil's own image, {@code ghcr.io/vigil-dev/vigil-operator:<the chart's appVersion>}, the
 * way the repository's {@code Dockerfile} builds it: {@code java -jar /app/vigil.jar} with the
 * container's arguments (default {@code run}), where {@code /app/vigil.jar} is the jar Maven built
 * ({@code operator/target/vigil.jar}) and {@code java} is this JVM's. The container's environment
 * is the pod's, exactly as the chart sets it ({@code VIGIL_*}, {@code JDK_JAVA_OPTIONS}), rewritten
 * by {@link HostEnvironment}; the process runs as the {@link PodUser}.
 *
 * <p>What a container would find in its pod the harness translates, adding only what a process on
 * this machine cannot find by itself:
 *
 * <ul>
 *   <li>the API server: a kubelet sets {@code KUBERNETES_SERVICE_HOST} and {@code
 *       KUBERNETES_SERVICE_PORT} to the {@code kubernetes} Service; here they are the API server's
 *       real address ({@code 127.0.0.1:<port>}), which no proxy stands in front of;
 *   <li>the service account: the files the pod mounts at {@code
 *       /var/run/secrets/kubernetes.io/serviceaccount} (a real token bound to the pod, the {@code
 *       kube-root-ca.crt} and the namespace, see {@link PodVolumes}) are named by the variables the
 *       Kubernetes client reads instead of that path: {@code KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN},
 *       {@code KUBERNETES_CERTS_CA_FILE} and {@code KUBENAMESPACE}; the API server's certificate is
 *       verified against that CA;
 *   <li>cluster DNS names: {@code -Djdk.net.hosts.file=} the node's {@link ClusterHostsFile};
 *   <li>the pod's network: the operator binds its HTTP port on every interface of its pod; here
 *       {@code VIGIL_HTTP_ADDRESS} is the pod's loopback address, so the chart's port never
 *       collides with another process on the machine, and the probes reach it at the pod's IP as a
 *       kubelet would;
 *   <li>the pod's loopback: an argument {@code 127.0.0.1} or {@code localhost} (the verifier of a
 *       restore, {@code vigil backup verify --host 127.0.0.1}) becomes the pod's address, where the
 *       pod's other containers listen;
 *   <li>the filesystem: the {@code /tmp} mount is {@code java.io.tmpdir}; {@code HOME} is an empty
 *       directory of the container's (no kubeconfig of this machine's is found); the termination
 *       message file ({@link TerminationMessages}) is mounted like a volume, so an argument naming
 *       {@code /dev/termination-log} names it.
 * </ul>
 *
 * <p>Not modelled: the read-only root filesystem, resource limits (the heap follows {@code
 * -XX:MaxRAMPercentage} of the machine's memory), liveness probes (the kubelet runs none).
 */
public final class VigilImageRuntime implements ContainerRuntime {

    /** The chart's default image repository. */
    public static final String REPOSITORY = "ghcr.io/vigil-dev/vigil-operator";

    /** Where the image has its jar; arguments naming it name the built jar instead. */
    static final String IMAGE_JAR = "/app/vigil.jar";

    /** Where a pod mounts its service account: the kube-api-access volume's mount path. */
    static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

    private static final Pattern APP_VERSION =
            Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?\\s*$");
    private static final List<String> ENTRYPOINT = List.of("java", "-jar", IMAGE_JAR);
    private static final List<String> CMD = List.of("run");

    private final String image;
    private final Path jar;
    private final URI apiServer;
    private final Path hostsFile;
    private final PodUser user;
    private final Duration maxGracePeriod;

    /**
     * @param image the image this node has, {@code <repository>:<tag>}
     * @param jar the jar the image would hold
     * @param apiServer the API server's URL, {@code https://127.0.0.1:<port>}
     * @param hostsFile the node's {@link ClusterHostsFile}
     */
    public VigilImageRuntime(
            String image,
            Path jar,
            String apiServer,
            Path hostsFile,
            PodUser user,
            Duration maxGracePeriod) {
        this.image = image;
        this.jar = jar;
        this.apiServer = URI.create(apiServer);
        this.hostsFile = hostsFile;
        this.user = user;
        this.maxGracePeriod = maxGracePeriod;
    }

    /**
     * The image the checkout's chart installs ({@code REPOSITORY:<appVersion>} of {@code
     * helm/vigil-operator/Chart.yaml}), run from the jar {@code ./mvnw -pl operator package} builds
     * ({@code operator/target/vigil.jar}); the jar must exist when a pod starts, not now.
     */
    public static VigilImageRuntime forCheckout(
            Path repositoryRoot,
            String apiServer,
            Path hostsFile,
            PodUser user,
            Duration maxGracePeriod) {
        return new VigilImageRuntime(
                REPOSITORY + ":" + appVersion(repositoryRoot.resolve("helm/vigil-operator")),
                repositoryRoot.resolve("operator/target/vigil.jar"),
                apiServer,
                hostsFile,
                user,
                maxGracePeriod);
    }

    /** The image this node runs. */
    public String image() {
        return image;
    }

    @Override
    public boolean canRun(String candidate) {
        return image.equals(candidate) || ("docker.io/" + image).equals(candidate);
    }

    @Override
    public RunningContainer start(ContainerLaunch launch) throws IOException {
        if (!Files.isReadable(jar)) {
            throw new IOException(
                    "the image's jar "
                            + jar
                            + " does not exist: build it with ./mvnw -pl operator package");
        }
        Container container = launch.container();
        Map<String, String> env = HostEnvironment.of(launch, imageEnvironment(launch));
        env.putAll(podTranslation(launch));
        List<String> line = HostContainers.commandLine(container, ENTRYPOINT, CMD);
        List<String> argv = new ArrayList<>();
        Path program = HostContainers.executable(line.get(0), env.get("PATH"));
        argv.add(program.toString());
        if (program.getFileName().toString().equals("java")) {
            argv.addAll(jvmOptions(launch));
        }
        for (String arg : line.subList(1, line.size())) {
            argv.add(
                    arg.equals(IMAGE_JAR)
                            ? jar.toString()
                            : onPod(launch.mounts().rewrite(arg), launch.podIp()));
        }
        return HostProcess.start(
                new HostProcess.Spec(
                        argv,
                        env,
                        launch.logFile(),
                        user,
                        ContainerProbes.readiness(container, launch.podIp(), command -> false),
                        List.of(),
                        HostContainers.grace(launch.pod(), maxGracePeriod)));
    }

    /**
     * An argument that is the pod's loopback address ({@code 127.0.0.1}, {@code localhost}) names
     * the pod's own address here, which its other containers listen on (see {@link
     * ContainerLaunch#podIp}).
     */
    private static String onPod(String arg, String podIp) {
        return arg.equals("127.0.0.1") || arg.equals("localhost") ? podIp : arg;
    }

    /** The image's {@code ENV} (eclipse-temurin's), with this JVM's Java. */
    private Map<String, String> imageEnvironment(ContainerLaunch launch) throws IOException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", javaHome.toString());
        env.put(
                "PATH",
                javaHome.resolve("bin")
                        + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", home(launch).toString());
        return env;
    }

    /** What the harness adds for the pod's API server, service account and network; see above. */
    private Map<String, String> podTranslation(ContainerLaunch launch) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBERNETES_SERVICE_HOST", apiServer.getHost());
        env.put("KUBERNETES_SERVICE_PORT", String.valueOf(apiServer.getPort()));
        Optional<Path> serviceAccount = launch.mounts().mount(SERVICE_ACCOUNT_DIR);
        serviceAccount.ifPresent(
                directory -> {
                    env.put(
                            "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN",
                            directory.resolve("token").toString());
                    env.put("KUBERNETES_CERTS_CA_FILE", directory.resolve("ca.crt").toString());
                    env.put("KUBENAMESPACE", directory.resolve("namespace").toString());
                });
        if (!launch.env().containsKey("VIGIL_HTTP_ADDRESS")) {
            env.put("VIGIL_HTTP_ADDRESS", launch.podIp());
        }
        return env;
    }

    private List<String> jvmOptions(ContainerLaunch launch) {
        List<String> options = new ArrayList<>();
        options.add("-Djdk.net.hosts.file=" + hostsFile);
        launch.mounts().mount("/tmp").ifPresent(tmp -> options.add("-Djava.io.tmpdir=" + tmp));
        return options;
    }

    /** An empty home directory of the container's own, beside its log. */
    private Path home(ContainerLaunch launch) throws IOException {
        Path home = launch.logFile().resolveSibling(launch.container().getName() + ".home");
        Files.createDirectories(home);
        user.own(home);
        return home;
    }

    private static String appVersion(Path chart) {
        try {
            Matcher matcher = APP_VERSION.matcher(Files.readString(chart.resolve("Chart.yaml")));
            if (!matcher.find()) {
                throw new IllegalStateException(chart + "/Chart.yaml has no appVersion");
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + chart + "/Chart.yaml", e);
        }
    }
}
