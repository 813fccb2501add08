package dev.vigil.e2e.node;

import java.util.OptionalInt;

/**
 * A container of a simulated image that has already run to its end: an init container's script, or
 * a mongod or exporter that refused to start. The kubelet sees its exit code at once.
 */
final class MongoExitedContainer implements RunningContainer {

    private final int exitCode;

    MongoExitedContainer(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public boolean ready() {
        return false;
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.of(exitCode);
    }

    @Override
    public void close() {
        // Nothing runs any more.
    }
}
