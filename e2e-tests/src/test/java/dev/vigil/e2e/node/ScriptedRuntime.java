package dev.vigil.e2e.node;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A container runtime for kubelet tests: runs images {@code vigil.test/app:<tag>} as in-memory
 * containers scripted by their environment: {@code EXIT_CODE} makes one exit at once with that
 * code, {@code READY=false} keeps it unready, {@code STOP_MILLIS} makes stopping it take that long,
 * {@code START_FAILS} makes the start fail. Every launch and container is recorded.
 */
final class ScriptedRuntime implements ContainerRuntime {

    static final String IMAGE = "vigil.test/app:1.0";

    final List<ContainerLaunch> launches = new CopyOnWriteArrayList<>();
    final List<ScriptedContainer> containers = new CopyOnWriteArrayList<>();

    @Override
    public boolean canRun(String image) {
        return image.startsWith("vigil.test/app:");
    }

    @Override
    public RunningContainer start(ContainerLaunch launch) throws IOException {
        launches.add(launch);
        if (launch.env().containsKey("START_FAILS")) {
            throw new IOException("exec: \"app\": permission denied");
        }
        ScriptedContainer container = new ScriptedContainer(launch);
        containers.add(container);
        return container;
    }

    /** The containers started for a pod's container, oldest first. */
    List<ScriptedContainer> of(String namespace, String pod, String container) {
        return containers.stream()
                .filter(c -> c.launch.namespace().equals(namespace))
                .filter(c -> c.launch.podName().equals(pod))
                .filter(c -> c.launch.container().getName().equals(container))
                .toList();
    }

    static final class ScriptedContainer implements RunningContainer {
        final ContainerLaunch launch;
        final long startedAt = System.nanoTime();
        volatile long stoppedAt;
        private volatile Integer exitCode;

        ScriptedContainer(ContainerLaunch launch) {
            this.launch = launch;
            String code = launch.env().get("EXIT_CODE");
            this.exitCode = code == null ? null : Integer.valueOf(code);
        }

        @Override
        public boolean ready() {
            return !"false".equals(launch.env().get("READY"));
        }

        @Override
        public OptionalInt exitCode() {
            return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
        }

        @Override
        public synchronized void close() {
            if (stoppedAt != 0) {
                return;
            }
            String stopMillis = launch.env().get("STOP_MILLIS");
            if (stopMillis != null) {
                try {
                    Thread.sleep(Long.parseLong(stopMillis));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (exitCode == null) {
                exitCode = 0;
            }
            stoppedAt = System.nanoTime();
        }

        boolean stopped() {
            return stoppedAt != 0;
        }
    }
}
