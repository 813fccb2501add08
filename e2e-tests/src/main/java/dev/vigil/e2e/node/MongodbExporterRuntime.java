package dev.vigil.e2e.node;

import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs percona's {@code mongodb_exporter} image ({@code percona/mongodb_exporter:<version>}, the
 * sidecar and External-mode exporter Vigil renders) as a simulation: the real exporter cannot be
 * built here (the Go module proxy refuses {@code github.com/percona/mongodb_exporter}, which {@code
 * scripts/go-binaries.sh exporters} reports), so {@link MongodbExporterContainer} serves, on {@code
 * <podIP>:<port>}, the metrics Vigil's alerts, dashboards and health gate read, computed by logging
 * in to MongoDB with the monitoring user's credentials from the container's flags or environment,
 * as the real exporter does. It is not the exporter: only the metrics {@link
 * MongodbExporterMetrics} lists exist, and its flags other than connection and listen address
 * change nothing.
 *
 * <p>A missing {@code --mongodb.uri} (and {@code MONGODB_URI}) exits 1, as the exporter does; so
 * does a metrics port that cannot be bound.
 */
public final class MongodbExporterRuntime implements ContainerRuntime {

    /** The exporter's repository on Docker Hub. */
    public static final String PERCONA_REPOSITORY = "percona/mongodb_exporter";

    private static final Pattern RELEASE_TAG = Pattern.compile("v?\\d+\\.\\d+(\\.\\d+)?");

    private final Clock clock;
    private final Set<String> repositories;

    /** Percona's repository only. */
    public MongodbExporterRuntime() {
        this(Clock.systemUTC(), Set.of());
    }

    /**
     * @param clock behind the log's times
     * @param mirrors repositories that serve the exporter image too
     */
    public MongodbExporterRuntime(Clock clock, Set<String> mirrors) {
        this.clock = clock;
        Set<String> served = new HashSet<>(mirrors);
        served.add(PERCONA_REPOSITORY);
        this.repositories = Set.copyOf(served);
    }

    @Override
    public boolean canRun(String image) {
        return MongoImageName.parse(image)
                .filter(name -> name.isFrom(repositories))
                .filter(name -> RELEASE_TAG.matcher(name.tag()).matches())
                .isPresent();
    }

    @Override
    public RunningContainer start(ContainerLaunch launch) throws IOException {
        MongoContainerLog log = new MongoContainerLog(launch.logFile(), clock);
        List<String> command =
                launch.container().getCommand() == null
                        ? List.of()
                        : launch.container().getCommand();
        List<String> args = new ArrayList<>();
        // The image's entrypoint is the exporter; a command may name it again, with flags.
        if (!command.isEmpty()) {
            if (!command.get(0).endsWith("mongodb_exporter")) {
                log.plain("exec: \"" + command.get(0) + "\": executable file not found in $PATH");
                return new MongoExitedContainer(127);
            }
            args.addAll(command.subList(1, command.size()));
        }
        if (launch.container().getArgs() != null) {
            args.addAll(launch.container().getArgs());
        }
        MongodbExporterOptions options;
        try {
            options = MongodbExporterOptions.parse(args, launch.env());
        } catch (MongodbExporterOptions.InvalidOptionsException e) {
            log.plain(e.getMessage());
            return new MongoExitedContainer(1);
        }
        try {
            return MongodbExporterContainer.start(options, launch.podIp(), launch.dns(), log);
        } catch (BindException e) {
            log.plain(
                    "level=error msg=\"listen tcp "
                            + launch.podIp()
                            + ":"
                            + options.listenPort()
                            + ": bind: address already in use\"");
            return new MongoExitedContainer(1);
        }
    }
}
