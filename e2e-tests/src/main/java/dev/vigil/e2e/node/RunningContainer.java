package dev.vigil.e2e.node;

import java.util.OptionalInt;

/** A container a {@link ContainerRuntime} started: the kubelet polls it and stops it. */
public interface RunningContainer extends AutoCloseable {

    /** Whether the container's readiness probe would pass now. */
    boolean ready();

    /** The exit code once the container has stopped by itself; empty while it runs. */
    OptionalInt exitCode();

    /**
     * Stops the container as the kubelet does when its pod is deleted: a graceful signal first (for
     * PostgreSQL, a fast shutdown), then a kill. Idempotent.
     */
    @Override
    void close();
}
