package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What runtimes that run containers as host processes share. */
final class HostContainers {

    /** A pod's {@code terminationGracePeriodSeconds} when it sets none. */
    private static final long DEFAULT_GRACE_SECONDS = 30;

    private HostContainers() {}

    /**
     * The command line Kubernetes runs: {@code command} replaces the image's entrypoint (and drops
     * its default arguments), {@code args} replaces the default arguments.
     */
    static List<String> commandLine(
            Container container, List<String> entrypoint, List<String> cmd) {
        List<String> command = container.getCommand();
        List<String> args = container.getArgs();
        List<String> line = new ArrayList<>();
        if (command != null && !command.isEmpty()) {
            line.addAll(command);
            if (args != null) {
                line.addAll(args);
            }
        } else {
            line.addAll(entrypoint);
            line.addAll(args != null && !args.isEmpty() ? args : cmd);
        }
        return line;
    }

    /**
     * The program's absolute path: as given when it has a slash, else found in {@code path}.
     *
     * @throws IOException with the container runtime's message when there is no such program
     */
    static Path executable(String program, String path) throws IOException {
        if (program.contains("/")) {
            Path file = Path.of(program);
            if (Files.isExecutable(file)) {
                return file;
            }
            throw new IOException(
                    "exec: \"" + program + "\": stat " + program + ": no such file or directory");
        }
        for (String directory : path.split(":")) {
            if (directory.isEmpty()) {
                continue;
            }
            Path file = Path.of(directory, program);
            if (Files.isExecutable(file) && !Files.isDirectory(file)) {
                return file;
            }
        }
        throw new IOException("exec: \"" + program + "\": executable file not found in $PATH");
    }

    /** The pod's grace period, at most {@code max}. */
    static Duration grace(Pod pod, Duration max) {
        Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        Duration grace = Duration.ofSeconds(seconds == null ? DEFAULT_GRACE_SECONDS : seconds);
        return grace.compareTo(max) > 0 ? max : grace;
    }

    /** The {@code preStop} hook's command, or empty (other hook kinds are not run). */
    static List<String> preStop(Container container) {
        if (container.getLifecycle() == null
                || container.getLifecycle().getPreStop() == null
                || container.getLifecycle().getPreStop().getExec() == null
                || container.getLifecycle().getPreStop().getExec().getCommand() == null) {
            return List.of();
        }
        return List.copyOf(container.getLifecycle().getPreStop().getExec().getCommand());
    }
}
