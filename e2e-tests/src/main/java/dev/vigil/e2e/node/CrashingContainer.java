package dev.vigil.e2e.node;

import java.util.OptionalInt;

/**
 * The container of an image the node is told crash-loops: it exits with code 1 as soon as it
 * starts, every time, as a broken image does on a real node.
 */
final class CrashingContainer implements RunningContainer {

    static final int EXIT_CODE = 1;

    @Override
    public boolean ready() {
        return false;
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.of(EXIT_CODE);
    }

    @Override
    public void close() {
        // Nothing runs.
    }
}
