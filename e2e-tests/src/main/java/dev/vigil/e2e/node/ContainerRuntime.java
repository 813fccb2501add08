package dev.vigil.e2e.node;

import java.io.IOException;

/**
 * Runs the containers of one kind of image on this machine, the way a container runtime runs an
 * image it has pulled: a PostgreSQL image as a real PostgreSQL server, a MongoDB image as the
 * wire-protocol double, and so on. The kubelet asks each runtime in turn whether it can run an
 * image; an image no runtime can run cannot be pulled.
 */
public interface ContainerRuntime {

    /** Whether this node "has" the image: this runtime knows how to run it. */
    boolean canRun(String image);

    /**
     * Starts one container (or init container) of a pod. Returns once the process or server is
     * started, not once it is ready.
     *
     * @throws IOException when the container cannot be started at all; the kubelet reports it as a
     *     failed start and retries with back-off, like a real node
     */
    RunningContainer start(ContainerLaunch launch) throws IOException;
}
