package dev.vigil.e2e.node;

import dev.vigil.engine.postgres.PostgresExporterContainer;
import dev.vigil.testing.GoBinaries;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the prometheus-community {@code postgres-exporter} image of the version Vigil deploys
 * ({@code quay.io/prometheuscommunity/postgres-exporter:v0.17.1}, {@link
 * PostgresExporterContainer#DEFAULT_IMAGE}) as the real exporter of that version, built from its Go
 * module by {@code scripts/go-binaries.sh} ({@link GoBinaries}, on the first start), as the {@link
 * PodUser}, with the container's command line and environment only: {@code DATA_SOURCE_URI} with
 * {@code 127.0.0.1} made the pod's address, {@code DATA_SOURCE_USER}, {@code DATA_SOURCE_PASS_FILE}
 * made a host path (see {@link HostEnvironment}). Its web listener is moved to the pod's address: a
 * {@code --web.listen-address} without a host (or on a loopback or wildcard address) gets the
 * pod's; without one, {@code <pod IP>:9187}. Readiness follows the container's probe. Other tags
 * cannot be pulled: this node has no exporter of another version.
 */
public final class PostgresExporterRuntime implements ContainerRuntime {

    private static final Pattern IMAGE =
            Pattern.compile(
                    "(?:quay\\.io/|docker\\.io/)?prometheuscommunity/postgres-exporter:"
                            + Pattern.quote(tag(PostgresExporterContainer.DEFAULT_IMAGE)));
    private static final String LISTEN_FLAG = "--web.listen-address";
    private static final int DEFAULT_PORT = 9187;
    private static final String IMAGE_PATH =
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final PodUser user;
    private final Duration maxGracePeriod;
    private Path binary;

    public PostgresExporterRuntime(PodUser user, Duration maxGracePeriod) {
        this.user = user;
        this.maxGracePeriod = maxGracePeriod;
    }

    @Override
    public boolean canRun(String image) {
        return IMAGE.matcher(image).matches();
    }

    @Override
    public RunningContainer start(ContainerLaunch launch) throws IOException {
        Container container = launch.container();
        Map<String, String> env = HostEnvironment.of(launch, Map.of("PATH", IMAGE_PATH));
        List<String> line =
                HostContainers.commandLine(container, List.of("/bin/postgres_exporter"), List.of());
        String program = Path.of(line.get(0)).getFileName().toString();
        if (!program.equals("postgres_exporter")) {
            throw new IOException(
                    "exec: \"" + line.get(0) + "\": executable file not found in $PATH");
        }
        List<String> argv = new ArrayList<>();
        argv.add(binary().toString());
        argv.addAll(listenOnPod(line.subList(1, line.size()), launch));
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

    /** The arguments with container paths rewritten and the web listener on the pod's address. */
    static List<String> listenOnPod(List<String> args, ContainerLaunch launch) {
        List<String> out = new ArrayList<>();
        boolean listens = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = launch.mounts().rewrite(args.get(i));
            if (arg.startsWith(LISTEN_FLAG + "=")) {
                out.add(
                        LISTEN_FLAG
                                + "="
                                + onPod(arg.substring(LISTEN_FLAG.length() + 1), launch.podIp()));
                listens = true;
            } else if (arg.equals(LISTEN_FLAG) && i + 1 < args.size()) {
                out.add(arg);
                out.add(onPod(args.get(++i), launch.podIp()));
                listens = true;
            } else {
                out.add(arg);
            }
        }
        if (!listens) {
            out.add(LISTEN_FLAG + "=" + launch.podIp() + ":" + DEFAULT_PORT);
        }
        return out;
    }

    /**
     * The exporter, where the pod's user can run it: the script's cache is under the home of the
     * user running the node, which {@code postgres} may not enter, so a switching node runs a copy
     * in a directory of its own (as an image layer would hold it).
     */
    private synchronized Path binary() throws IOException {
        if (binary == null) {
            Path built;
            try {
                built = GoBinaries.postgresExporter();
            } catch (IllegalStateException | UncheckedIOException e) {
                // A failed start the kubelet reports and retries, as a failed image pull.
                throw new IOException("no postgres_exporter: " + e.getMessage(), e);
            }
            if (user.switches()) {
                Path dir = Files.createTempDirectory("vigil-postgres-exporter-");
                dir.toFile().deleteOnExit();
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path copy = dir.resolve(built.getFileName());
                Files.copy(built, copy, StandardCopyOption.COPY_ATTRIBUTES);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                copy.toFile().deleteOnExit();
                built = copy;
            }
            binary = built;
        }
        return binary;
    }

    private static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static String onPod(String address, String podIp) {
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "" : address.substring(0, colon);
        String port = colon < 0 ? address : address.substring(colon + 1);
        boolean local =
                host.isEmpty()
                        || host.equals("0.0.0.0")
                        || host.equals("[::]")
                        || host.equals("127.0.0.1")
                        || host.equals("localhost");
        return (local ? podIp : host) + ":" + port;
    }
}
